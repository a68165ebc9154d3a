import type { AnyServiceKind } from './kind';
import { accessKind } from './access';
import { licenseKind } from './license';
import { tvKind } from './tv';
import { meetingKind } from './meeting';
import { videoRoomsKind } from './video-rooms';

/**
 * Every service kind subsync knows. Adding a kind is one folder under kinds/ (settings schema,
 * pure planner, steps, view) plus a line here and a `services` entry in config; the subscriber
 * workflow, the activities, reconcile and the watcher stay as they are.
 */
const byKind = new Map<string, AnyServiceKind>([accessKind, tvKind, licenseKind, meetingKind, videoRoomsKind].map((k) => [k.kind, k]));

export function registerServiceKind(kind: AnyServiceKind): void {
  const existing = byKind.get(kind.kind);
  if (existing && existing !== kind) throw new Error(`a service kind "${kind.kind}" is already registered`);
  byKind.set(kind.kind, kind);
}

export function serviceKind(kind: string): AnyServiceKind | undefined {
  return byKind.get(kind);
}

export function serviceKinds(): AnyServiceKind[] {
  return [...byKind.values()];
}
