import { connect } from "../dialects/index.js";
import type { ConnectOptions, Connection } from "../dialects/contract/index.js";
import type { SchemaModel } from "../schema/model.js";

/**
 * How long loading env.ts waits for the early connection before it goes ahead
 * without: a server that takes longer to answer still gets its catalog
 * statements as soon as it has answered, and one that never answers is waited
 * for once, not once before env.ts and again after it.
 */
const CONNECT_WAIT_MS = 1000;

/** The schemas the early reading covers: the connection's default one. */
const DEFAULT_SCHEMA_ONLY: readonly (string | null)[] = [null];

/** The early connection, taken for the comparison. */
export interface TakenReflection {
  readonly connection: Connection;
  /** The catalog of the default schema, as `dialect.reflect(connection, { schemas: [null] })` reads it; may still be on its way. */
  readonly reflection: PrefetchedReflection;
}

/** A catalog reading started before it was asked for, and the schemas it reads. */
export interface PrefetchedReflection {
  readonly schemas: readonly (string | null)[];
  readonly model: Promise<SchemaModel>;
}

type Attempt = { readonly ok: true; readonly connection: Connection } | { readonly ok: false; readonly error: unknown };

/**
 * The configured database's connection and the reading of its catalog, begun
 * before env.ts is loaded, so that the server works out its catalog while the
 * project declares its schema (a thousand tables cost about as much to declare
 * as the server takes to list them).
 *
 * Nothing of it is seen unless the comparison takes it: env.ts may name another
 * URL (the early connection is then closed unused), fail to load (its error is
 * the one reported), or set up what the connection needs (a tunnel, a password
 * in the driver's environment), so a connection that failed before env.ts had
 * loaded is opened again afterwards, as it would have been without this, and
 * only that attempt's error is reported. A connection still on its way when
 * env.ts has loaded is the one a later attempt would be, and its failure is
 * reported as it is. A catalog reading that failed is read again on the
 * connection when the comparison needs it, so its error, too, is the one the
 * comparison meets. The early connection never creates a SQLite file (a missing
 * one fails it, and the connection after env.ts creates it where the command
 * would have). One env.ts does not use is closed as soon as it is open: where the
 * configured server does not answer at all, a process whose env.ts names another
 * URL or fails may end only when the driver gives up (10 s).
 *
 * @example
 * ```ts
 * const early = EarlyReflection.start(config.url, { cwd: config.baseDir });
 * await early.waitForConnection();
 * const env = await loadEnvironment(scripts).catch((error) => { early.discard(); throw error; });
 * early.environmentLoaded();
 * const taken = await early.take(); // undefined: connect as usual
 * ```
 */
export class EarlyReflection {
  /** The URL connected to. */
  readonly url: string;
  readonly #attempt: Promise<Attempt>;
  #reading: Promise<SchemaModel> | undefined;
  #failedBeforeEnvironment = false;
  #environmentLoaded = false;
  #done = false;

  private constructor(url: string, options: ConnectOptions) {
    this.url = url;
    // never creates a SQLite file: one missing is made, as before, by the connection after env.ts
    this.#attempt = connect(url, { ...options, mustExist: true }).then(
      (connection): Attempt => {
        // the catalog statements leave at once; a rejection is met where the reading is awaited
        const reading = connection.dialect.reflect(connection, { schemas: DEFAULT_SCHEMA_ONLY });
        reading.catch(() => undefined);
        this.#reading = reading;
        return { ok: true, connection };
      },
      (error: unknown): Attempt => {
        if (!this.#environmentLoaded) this.#failedBeforeEnvironment = true;
        return { ok: false, error };
      },
    );
  }

  /** Connect to `url` and start reading its default schema's catalog. */
  static start(url: string, options: ConnectOptions): EarlyReflection {
    return new EarlyReflection(url, options);
  }

  /** Wait until the connection is open (its catalog statements sent) or has failed, at most a second. */
  async waitForConnection(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, CONNECT_WAIT_MS);
    });
    try {
      await Promise.race([this.#attempt, waited]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** env.ts has loaded: from now on a failure to connect is reported, not tried again. */
  environmentLoaded(): void {
    this.#environmentLoaded = true;
  }

  /**
   * The connection and its catalog reading, for the comparison to use and
   * close; `undefined` when the connection failed before env.ts had loaded
   * (connect again, as without this). Throws the connection's error when it
   * failed after. Once only.
   */
  async take(): Promise<TakenReflection | undefined> {
    if (this.#done) throw new Error("the early connection was already taken or discarded");
    this.#done = true;
    const attempt = await this.#attempt;
    if (!attempt.ok) {
      if (this.#failedBeforeEnvironment) return undefined;
      throw attempt.error;
    }
    return { connection: attempt.connection, reflection: { schemas: DEFAULT_SCHEMA_ONLY, model: this.#reading! } };
  }

  /**
   * Not needed after all: the connection is closed once it is open and its
   * catalog reading is over, and nothing of it is reported. Waits for neither:
   * env.ts's error, or the connection to the URL env.ts names, comes first.
   */
  discard(): void {
    if (this.#done) return;
    this.#done = true;
    void this.#attempt.then(async (attempt) => {
      if (!attempt.ok) return;
      await this.#reading?.catch(() => undefined);
      await attempt.connection.close().catch(() => undefined);
    });
  }
}

/**
 * The catalog a comparison reads: the prefetched one when it covers exactly
 * `schemas`, read again on the connection when that reading failed; else a
 * reading of its own.
 */
export async function reflectWith(connection: Connection, schemas: readonly (string | null)[], prefetched: PrefetchedReflection | undefined): Promise<SchemaModel> {
  const covers = prefetched !== undefined && prefetched.schemas.length === schemas.length && prefetched.schemas.every((s, i) => s === schemas[i]);
  if (covers) {
    try {
      return await prefetched.model;
    } catch {
      // read again below: the error reported is the one of the reading the comparison itself asks for
    }
  } else if (prefetched !== undefined) {
    await prefetched.model.catch(() => undefined);
  }
  return connection.dialect.reflect(connection, { schemas });
}
