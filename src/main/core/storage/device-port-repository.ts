import type { Database } from 'better-sqlite3';
/** The devices table: serial → local forward port, kept across restarts (the device manager's port store). */
export interface DevicePortRepository {
  load(): Map<string, number>;
  save(serial: string, port: number): void;
}

export function createDevicePortStore(db: Database, now: () => number = Date.now): DevicePortRepository {
  const load = db.prepare('SELECT serial, local_port AS port FROM devices');
  // A port given to a new serial is taken away from any serial that held it before.
  const freePort = db.prepare('DELETE FROM devices WHERE local_port = ? AND serial <> ?');
  const save = db.prepare(
    `INSERT INTO devices (serial, local_port, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (serial) DO UPDATE SET local_port = excluded.local_port, updated_at = excluded.updated_at`,
  );
  const saveTx = db.transaction((serial: string, port: number) => {
    freePort.run(port, serial);
    save.run(serial, port, now());
  });
  return {
    load: () => new Map((load.all() as { serial: string; port: number }[]).map((r) => [r.serial, r.port])),
    save: (serial, port) => saveTx(serial, port),
  };
}
