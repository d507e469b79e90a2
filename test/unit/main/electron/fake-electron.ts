import { EventEmitter } from 'node:events';

/** Records what the shell asks of Electron; `vi.mock('electron', …)` hands out `fake.module`. */
export interface MenuItemTemplate {
  label?: string;
  type?: string;
  checked?: boolean;
  click?: (item: { checked: boolean }) => void;
}

type Handler = (event: unknown, input: unknown) => unknown;

export class FakeWebContents extends EventEmitter {
  static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  readonly sent: [string, unknown][] = [];
  openHandler: ((details: { url: string }) => unknown) | null = null;
  send(channel: string, message: unknown): void {
    this.sent.push([channel, message]);
  }
  isDestroyed(): boolean {
    return false;
  }
  setWindowOpenHandler(fn: (details: { url: string }) => unknown): void {
    this.openHandler = fn;
  }
}

export class FakeWindow extends EventEmitter {
  readonly webContents = new FakeWebContents();
  readonly loads: string[] = [];
  visible = false;
  focused = false;
  minimized = false;
  destroyed = false;
  constructor(readonly options: { webPreferences: Record<string, unknown> } & Record<string, unknown>) {
    super();
  }
  show(): void {
    this.visible = true;
  }
  hide(): void {
    this.visible = false;
    this.focused = false;
  }
  focus(): void {
    this.focused = true;
    this.emit('focus');
  }
  restore(): void {
    this.minimized = false;
  }
  isVisible(): boolean {
    return this.visible;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isFocused(): boolean {
    return this.focused;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  loadURL(url: string): Promise<void> {
    this.loads.push(url);
    return Promise.resolve();
  }
  loadFile(file: string): Promise<void> {
    this.loads.push(file);
    return Promise.resolve();
  }
  destroy(): void {
    this.destroyed = true;
  }
  /** What the OS close button does: `close`, and the window goes unless prevented. */
  close(): void {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (!prevented) this.destroyed = true;
  }
}

export class FakeTray {
  image: unknown;
  tooltip = '';
  menu: MenuItemTemplate[] = [];
  destroyed = false;
  readonly listeners = new Map<string, () => void>();
  constructor(image: unknown) {
    this.image = image;
  }
  setImage(image: unknown): void {
    this.image = image;
  }
  setToolTip(text: string): void {
    this.tooltip = text;
  }
  setTitle(): void {}
  setContextMenu(menu: MenuItemTemplate[]): void {
    this.menu = menu;
  }
  on(name: string, fn: () => void): void {
    this.listeners.set(name, fn);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
  }
  item(label: string): MenuItemTemplate {
    const found = this.menu.find((m) => m.label === label);
    if (!found) throw new Error(`no menu item ${label} in ${this.menu.map((m) => m.label).join(', ')}`);
    return found;
  }
}

function initialState() {
  return {
    lock: true,
    lockReleased: false,
    relaunches: 0,
    userData: '',
    isPackaged: false,
    quitCalls: 0,
    quitDone: false,
    exitCode: null as number | null,
    switches: [] as [string, string | undefined][],
    loginItems: [] as unknown[],
    paths: new Map<string, string>(),
    crashReporterStarts: [] as unknown[],
    windows: [] as FakeWindow[],
    trays: [] as FakeTray[],
    notifications: [] as { title: string; body: string }[],
    errorBoxes: [] as [string, string][],
    ipc: new Map<string, Handler>(),
    cspHook: null as ((d: unknown, cb: (r: unknown) => void) => void) | null,
    permissionRequest: null as ((wc: unknown, p: string, cb: (ok: boolean) => void) => void) | null,
    /** The OS printers `getPrintersAsync` lists. */
    printers: [] as { name: string }[],
    /** Every `webContents.print` call, with the page the window had loaded. */
    prints: [] as { options: Record<string, unknown>; page: string | undefined; window: FakeWindow }[],
    /** The driver's answer to a print (`[success, failureReason]`), or null for one that never answers. */
    printAnswer: (() => [true, '']) as (options: Record<string, unknown>) => [boolean, string] | null,
  };
}

export type FakeElectronState = ReturnType<typeof initialState>;

export interface FakeElectron {
  /** What `import … from 'electron'` gives the code under test. */
  module: Record<string, unknown> & { app: { quit(): void } };
  state: FakeElectronState;
  /** Fires an app event as Electron would (`second-instance`, …). */
  emitApp(name: string, ...args: unknown[]): void;
  /** Listens once to an app event, as a library in the main process would (`app.once('quit')`). */
  onceApp(name: string, fn: (...args: unknown[]) => void): void;
  reset(): void;
}

export function createFakeElectron(): FakeElectron {
  const state = initialState();
  const appEvents = new EventEmitter();

  const app = {
    requestSingleInstanceLock: () => state.lock,
    releaseSingleInstanceLock: () => void (state.lockReleased = true),
    relaunch: () => void state.relaunches++,
    quit: () => {
      state.quitCalls++;
      let prevented = false;
      appEvents.emit('before-quit', { preventDefault: () => (prevented = true) });
      if (!prevented) {
        state.quitDone = true;
        appEvents.emit('quit', {}, 0);
      }
    },
    exit: (code: number) => {
      state.exitCode = code;
    },
    on: (name: string, fn: (...args: unknown[]) => void) => {
      appEvents.on(name, fn);
      return app;
    },
    whenReady: () => Promise.resolve(),
    getPath: () => state.userData,
    setPath: (name: string, value: string) => void state.paths.set(name, value),
    getVersion: () => '0.1.0',
    get isPackaged() {
      return state.isPackaged;
    },
    commandLine: { appendSwitch: (k: string, v?: string) => state.switches.push([k, v]) },
    setLoginItemSettings: (s: unknown) => state.loginItems.push(s),
  };

  class BrowserWindow extends FakeWindow {
    constructor(options: ConstructorParameters<typeof FakeWindow>[0]) {
      super(options);
      state.windows.push(this);
      const contents = this.webContents as FakeWebContents & Record<string, unknown>;
      contents.getPrintersAsync = () => Promise.resolve(state.printers.map((p) => ({ ...p })));
      contents.print = (o: Record<string, unknown>, done: (success: boolean, reason: string) => void) => {
        state.prints.push({ options: o, page: this.loads.at(-1), window: this });
        const answer = state.printAnswer(o);
        if (answer) setTimeout(() => done(...answer), 0);
      };
    }
    static getAllWindows = () => state.windows.filter((w) => !w.destroyed);
  }
  class Tray extends FakeTray {
    constructor(image: unknown) {
      super(image);
      state.trays.push(this);
    }
  }
  class Notification extends EventEmitter {
    static isSupported = () => true;
    constructor(readonly options: { title: string; body: string }) {
      super();
    }
    show(): void {
      state.notifications.push(this.options);
    }
  }

  const module = {
    app,
    BrowserWindow,
    Tray,
    Notification,
    Menu: { buildFromTemplate: (template: MenuItemTemplate[]) => template },
    nativeImage: {
      createFromPath: (p: string) => ({ path: p }),
      createFromBuffer: (png: Buffer) => {
        const reps: { scaleFactor: number; buffer: Buffer }[] = [];
        return { png, reps, addRepresentation: (r: { scaleFactor: number; buffer: Buffer }) => reps.push(r) };
      },
    },
    crashReporter: { start: (options: unknown) => void state.crashReporterStarts.push(options) },
    dialog: { showErrorBox: (title: string, content: string) => state.errorBoxes.push([title, content]) },
    session: {
      defaultSession: {
        webRequest: { onHeadersReceived: (fn: typeof state.cspHook) => (state.cspHook = fn) },
        setPermissionRequestHandler: (fn: typeof state.permissionRequest) => (state.permissionRequest = fn),
        setPermissionCheckHandler: () => undefined,
      },
    },
    ipcMain: {
      handle: (channel: string, fn: Handler) => {
        if (state.ipc.has(channel)) throw new Error(`second handler for ${channel}`);
        state.ipc.set(channel, fn);
      },
      removeHandler: (channel: string) => state.ipc.delete(channel),
    },
  };

  return {
    module,
    state,
    emitApp: (name: string, ...args: unknown[]) => void appEvents.emit(name, ...args),
    onceApp: (name: string, fn: (...args: unknown[]) => void) => void appEvents.once(name, fn),
    reset(): void {
      appEvents.removeAllListeners();
      Object.assign(state, initialState(), { userData: state.userData });
    },
  };
}
