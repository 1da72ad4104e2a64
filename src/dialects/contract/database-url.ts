/** A parsed, connectable database URL. `toString()` and `masked` never show the password. */
export interface DatabaseUrl {
  /** The registered database name (`sqlite`, `postgresql`, `mysql`, ...); an alias scheme (`postgres://`, `mariadb://`) maps to it. */
  readonly dialect: string;
  /** The `+driver` suffix, when given (`sqlite+better-sqlite3://`). */
  readonly driver: string | undefined;
  readonly host: string | undefined;
  readonly port: number | undefined;
  readonly username: string | undefined;
  readonly password: string | undefined;
  /** Database name, or the SQLite file path (`:memory:` for in-memory). */
  readonly database: string | undefined;
  /** Query parameters, passed through to the driver (sslmode, charset, ...). */
  readonly query: Readonly<Record<string, string>>;
  /** The URL with the password replaced by `***`. */
  readonly masked: string;
}
