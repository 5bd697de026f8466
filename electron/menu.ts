/**
 * The native menu: `buildMenuTemplate` (plain data, tested in Node) turned
 * into Electron's `Menu`. Theme, language and Clear Recent are handled here
 * in main; every other command goes to the renderer as `menu:command`.
 */
import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { MenuCommand, MenuItemSpec, MenuTemplateOptions } from './services/menu-template';
import { buildMenuTemplate } from './services/menu-template';

/** Where a menu command is carried out. */
export interface MenuHandlers {
  /** Commands main handles itself; returns false to pass the command on. */
  inMain(command: MenuCommand): boolean;
  toRenderer(command: MenuCommand): void;
}

function toElectron(item: MenuItemSpec, handlers: MenuHandlers): MenuItemConstructorOptions {
  const { command, submenu, ...rest } = item;
  return {
    ...rest,
    ...(command ? { click: () => { if (!handlers.inMain(command)) handlers.toRenderer(command); } } : {}),
    ...(submenu ? { submenu: submenu.map((child) => toElectron(child, handlers)) } : {}),
  };
}

/** Builds and installs the application menu. Call again whenever `options` change. */
export function installMenu(options: MenuTemplateOptions, handlers: MenuHandlers): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(options).map((item) => toElectron(item, handlers))));
}
