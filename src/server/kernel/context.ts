/** What every service receives: the database, the key ring, the clock, the configuration, the logger. */
import type { Logger } from 'pino';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { Keyring } from './crypto/keyring.js';
import type { Database } from './db/database.js';

export interface AppContext {
  database: Database;
  keyring: Keyring;
  clock: Clock;
  config: Config;
  logger: Logger;
}
