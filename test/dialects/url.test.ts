import { inspect } from "node:util";
import { describe, expect, test } from "vitest";
import { maskUrl, parseUrl } from "../../src/dialects/url.js";
import { AthanorError } from "../../src/util/errors.js";

const HOSTILE_PASSWORDS = [
  "s3cr3t",
  "p@ss",
  "p:a:ss",
  "pa/ss",
  "pa?ss",
  "pa#ss",
  "pa ss",
  "100%real",
  "%41%42",
  "pässwörd-名前",
  "'\"`;--",
  "a&b=c",
  "***",
  "@@@",
  "end@",
];

function expectHidden(text: string, password: string): void {
  expect(text).not.toContain(password);
  expect(text).not.toContain(encodeURIComponent(password));
}

describe("parseUrl", () => {
  test("reads every part of a server URL", () => {
    const url = parseUrl("postgresql://app:secret@db.example.com:6543/shop?sslmode=require&application_name=athanor");
    expect(url).toMatchObject({
      dialect: "postgresql",
      driver: undefined,
      host: "db.example.com",
      port: 6543,
      username: "app",
      database: "shop",
      query: { sslmode: "require", application_name: "athanor" },
    });
    expect(url.password).toBe("secret");
    expect(url.masked).toBe("postgresql://app:***@db.example.com:6543/shop?sslmode=require&application_name=athanor");
  });

  test.each([
    ["postgresql://h/db", "postgresql"],
    ["postgres://h/db", "postgresql"],
    ["mysql://h/db", "mysql"],
    ["mariadb://h/db", "mysql"],
    ["MySQL://h/db", "mysql"],
    ["sqlite:///x.db", "sqlite"],
  ])("%s is dialect %s", (text, dialect) => {
    expect(parseUrl(text).dialect).toBe(dialect);
  });

  test.each([
    ["sqlite+better-sqlite3:///x.db", "sqlite", "better-sqlite3"],
    ["sqlite+libsql:///x.db", "sqlite", "libsql"],
    ["postgresql+pg://h/db", "postgresql", "pg"],
    ["mysql+mysql2://h/db", "mysql", "mysql2"],
    ["mariadb+mysql2://h/db", "mysql", "mysql2"],
  ])("%s names driver %s/%s", (text, dialect, driver) => {
    const url = parseUrl(text);
    expect(url.dialect).toBe(dialect);
    expect(url.driver).toBe(driver);
    expect(url.masked.startsWith(text.split("://")[0]!.toLowerCase())).toBe(true);
  });

  test("SQLite paths: relative, absolute, in-memory", () => {
    expect(parseUrl("sqlite:///relative.db").database).toBe("relative.db");
    expect(parseUrl("sqlite:///sub/dir/app.db").database).toBe("sub/dir/app.db");
    expect(parseUrl("sqlite:////absolute/app.db").database).toBe("/absolute/app.db");
    expect(parseUrl("sqlite://").database).toBe(":memory:");
    expect(parseUrl("sqlite:///:memory:").database).toBe(":memory:");
    expect(parseUrl("sqlite:///my%20data.db").database).toBe("my data.db");
    expect(parseUrl("sqlite:///relative.db").masked).toBe("sqlite:///relative.db");
    expect(parseUrl("sqlite:////absolute/app.db").masked).toBe("sqlite:////absolute/app.db");
    expect(parseUrl("sqlite:///x.db?journal_mode=wal").query).toEqual({ journal_mode: "wal" });
    expect(parseUrl("sqlite:///x.db").host).toBeUndefined();
  });

  test("a SQLite URL with a host is refused", () => {
    expect(() => parseUrl("sqlite://somehost/x.db")).toThrow(/names a file, not a host/);
  });

  test("no user, no port, no database", () => {
    expect(parseUrl("postgresql://localhost")).toMatchObject({
      host: "localhost",
      port: undefined,
      username: undefined,
      database: undefined,
    });
    expect(parseUrl("mysql://root@127.0.0.1:3306/test")).toMatchObject({ username: "root", port: 3306, database: "test" });
    expect(parseUrl("mysql://root@127.0.0.1:3306/test").password).toBeUndefined();
    expect(parseUrl("mysql://root@127.0.0.1:3306/test").masked).toBe("mysql://root@127.0.0.1:3306/test");
  });

  test("an empty password is a password", () => {
    const url = parseUrl("postgresql://app:@h/db");
    expect(url.password).toBe("");
    expect(url.masked).toBe("postgresql://app:***@h/db");
  });

  test("IPv6 hosts in brackets", () => {
    const url = parseUrl("postgresql://u:pw@[::1]:5432/db");
    expect(url.host).toBe("::1");
    expect(url.port).toBe(5432);
    expect(url.masked).toBe("postgresql://u:***@[::1]:5432/db");
  });

  test("percent-decodes the user, password, database and query", () => {
    const url = parseUrl("mysql://us%40er:p%40ss%3Aw%2Fd%25@h/my%20db?charset=utf8mb4&application_name=a%26b");
    expect(url.username).toBe("us@er");
    expect(url.password).toBe("p@ss:w/d%");
    expect(url.database).toBe("my db");
    expect(url.query).toEqual({ charset: "utf8mb4", application_name: "a&b" });
  });

  test("query parameters pass through, secret ones masked", () => {
    const url = parseUrl("postgresql://h/db?sslmode=verify-full&sslrootcert=/etc/ca.pem&password=topsecret&ssl=true");
    expect(url.query).toEqual({ sslmode: "verify-full", sslrootcert: "/etc/ca.pem", password: "topsecret", ssl: "true" });
    expectHidden(url.masked, "topsecret");
    expectHidden(JSON.stringify(url), "topsecret");
    expect(url.masked).toContain("password=***");
  });

  test.each(HOSTILE_PASSWORDS)("encoded password %j is decoded and never shown", (password) => {
    const text = `postgresql://app:${encodeURIComponent(password)}@db.local:5432/shop?sslmode=require`;
    const url = parseUrl(text);
    expect(url.password).toBe(password);
    expect(url.username).toBe("app");
    expect(url.host).toBe("db.local");
    expect(url.database).toBe("shop");
    expect(url.masked).toBe("postgresql://app:***@db.local:5432/shop?sslmode=require");
    for (const shown of [url.masked, String(url), `${url}`, JSON.stringify(url), inspect(url, { depth: 5 }), maskUrl(text)]) {
      if (password !== "***") expectHidden(shown, password);
    }
    expect(Object.keys(url)).not.toContain("password");
  });

  test.each(HOSTILE_PASSWORDS.filter((p) => !p.includes("%")))("unencoded password %j stays whole and hidden", (password) => {
    const text = `mysql://root:${password}@127.0.0.1:3306/app`;
    const url = parseUrl(text);
    expect(url.password).toBe(password);
    expect(url.host).toBe("127.0.0.1");
    expect(url.database).toBe("app");
    if (password !== "***") expectHidden(url.masked, password);
  });
});

describe("bad URLs", () => {
  test.each([
    ["postgresql//u:hunter2secret@h/db", "does not start with dialect://"],
    ["u:hunter2secret@h/db", "does not start with dialect://"],
    ["postgresql://u:hunter2secret@h:port/db", "port"],
    ["postgresql://u:hunter2secret@h:99999/db", "port"],
    ["postgresql://u:hunter2secret%zz@h/db", "percent-escape"],
    ["postgresql://u:hunter2secret@h/db#frag", "fragment"],
  ])("%s is a one-line error with the URL masked", (text, reason) => {
    let caught: unknown;
    try {
      parseUrl(text);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AthanorError);
    const error = caught as AthanorError;
    expect(error.message).toContain("Invalid database URL");
    expect(error.message).toContain(reason);
    expect(error.oneLine()).not.toContain("\n");
    expect(error.oneLine()).not.toContain("hunter2secret");
    expect(error.message).toContain("***");
  });
});

describe("maskUrl", () => {
  test("masks valid URLs", () => {
    expect(maskUrl("mysql://root:hunter2@localhost/app")).toBe("mysql://root:***@localhost/app");
    expect(maskUrl("postgresql://localhost/app")).toBe("postgresql://localhost/app");
    expect(maskUrl("sqlite:///app.db")).toBe("sqlite:///app.db");
  });

  test.each([
    "postgresql://u:hunter2@h:notaport/db",
    "u:hunter2@host/db",
    "postgresql:/u:hunter2@h/db",
    "mysql://u:hun@ter2@h:x/db",
    "postgresql://h/db?password=hunter2&x=%zz",
  ])("masks text that does not parse: %s", (text) => {
    const masked = maskUrl(text);
    expect(masked).not.toContain("hunter2");
    expect(masked).not.toContain("ter2");
    expect(masked).toContain("***");
  });
});

describe("random URLs", () => {
  // Seeded, so a failure repeats. Passwords draw from symbols and upper-case letters,
  // every other part from lower-case letters, so a password can never be a piece of them.
  let seed = 4242;
  const next = (limit: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % limit;
  };
  const pick = (alphabet: string, min: number, max: number): string =>
    Array.from({ length: min + next(max - min + 1) }, () => [...alphabet][next([...alphabet].length)]).join("");
  const PASSWORD_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ!@#$%^&*()[]{}/?:;'\"<>,.|~`+= ÄÖÜ€名";

  test.each(Array.from({ length: 300 }, (_, i) => i))("case %i: parts survive encoding; the password never shows", () => {
    const scheme = ["postgresql", "postgres", "mysql", "mariadb"][next(4)]!;
    const user = pick("abcdefghij", 1, 8);
    const password = pick(PASSWORD_ALPHABET, 4, 16);
    const host = pick("abcdefghij", 1, 8);
    const port = next(65536);
    const database = pick("abcdefghij_", 1, 10);
    const encoded = `${scheme}://${encodeURIComponent(user)}:${encodeURIComponent(password)}@${host}:${port}/${database}?application_name=${pick("abcdef", 1, 5)}`;
    const url = parseUrl(encoded);
    expect([url.username, url.password, url.host, url.port, url.database]).toEqual([user, password, host, port, database]);
    expectHidden(url.masked, password);
    expectHidden(inspect(url), password);
    expectHidden(JSON.stringify(url), password);
    // Written without encoding, the password still parses whole or is masked whole.
    const raw = `${scheme}://${user}:${password}@${host}:${port}/${database}`;
    expectHidden(maskUrl(raw), password);
    try {
      expectHidden(parseUrl(raw).masked, password);
    } catch (error) {
      expect(error).toBeInstanceOf(AthanorError);
      expectHidden((error as AthanorError).oneLine(), password);
    }
  });
});
