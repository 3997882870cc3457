/**
 * Test rows split by whether the model could know their ids: a cold row's user or item has no
 * training row (a cold-start split, or a rare id a random split left out of training), a warm row's
 * both have. Reported apart, since a model that pools them hides how it does on the unseen ones.
 */
import { Dataset } from '../data/types';
import { unseen } from './unseenIds';

export interface ColdWarmRows {
  cold: Int32Array;
  warm: Int32Array;
}

export function coldWarmRows(data: Dataset, train: Int32Array, test: Int32Array): ColdWarmRows {
  const unknownUser = new Uint8Array(data.userIds.length);
  const unknownItem = new Uint8Array(data.itemIds.length);
  for (const u of unseen(data.userIds.length, data.users, train)) unknownUser[u] = 1;
  for (const i of unseen(data.itemIds.length, data.items, train)) unknownItem[i] = 1;
  const cold: number[] = [];
  const warm: number[] = [];
  for (const r of test) (unknownUser[data.users[r]] || unknownItem[data.items[r]] ? cold : warm).push(r);
  return { cold: Int32Array.from(cold), warm: Int32Array.from(warm) };
}
