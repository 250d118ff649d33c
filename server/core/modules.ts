import { type Actor, hasPermission, type Permission } from './access/index.ts';
import type { AnyRoute } from './http/route.ts';

/**
 * What a module gives the platform: its routes and, if users open it, a menu entry. The web builds
 * its menu from `menuFor(actor)`, so it never re-derives who may open what.
 */
export interface PlatformModule {
  id: string;
  menu?: { path: string; zh: string; en: string; permission: Permission; order: number };
  routes: AnyRoute[];
}

let installed: PlatformModule[] = [];

export function installModules(modules: PlatformModule[]): void {
  installed = [...modules];
}

export function menuFor(actor: Actor): { id: string; path: string; zh: string; en: string }[] {
  return installed
    .filter((m) => m.menu && hasPermission(actor, m.menu.permission))
    .sort((a, b) => a.menu!.order - b.menu!.order)
    .map((m) => ({ id: m.id, path: m.menu!.path, zh: m.menu!.zh, en: m.menu!.en }));
}
