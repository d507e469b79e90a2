import { app, BrowserWindow } from 'electron';
import { createMainWindow } from './electron/main-window';

// Electron entry. The core (src/main/core) is bound here once it exists; everything with logic
// lives there so that it runs and is tested under plain Node.
void app.whenReady().then(() => {
  createMainWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createMainWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
