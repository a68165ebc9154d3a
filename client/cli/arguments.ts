import { InvalidArgumentError } from 'commander';
import { isMonth } from '../../domain/month';

/** Option values several commands take, checked where commander reads them so a bad one is named before anything is sent. */

export function parseMonth(value: string): string {
  if (!isMonth(value)) throw new InvalidArgumentError('expected a month as YYYY-MM');
  return value;
}
