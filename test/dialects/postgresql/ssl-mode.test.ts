// sslmode as a libpq user means it: prefer falls back to a plain connection,
// pg's multi-line warning never reaches the user, and a refused certificate says
// in one line what to change. The test server has SSL off; the certificate case
// runs against a local TLS endpoint that answers PostgreSQL's SSL request.
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { TLSSocket } from "node:tls";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { serverUrls } from "../../support/servers.js";
import { postgresqlAvailable } from "./live.js";

const DIST = resolve(import.meta.dirname, "../../../dist/dialects/index.js");

/**
 * Connects in a fresh process (pg warns once per process) and reports what
 * happened; asynchronous, so the TLS endpoint of this process can answer.
 */
function connectIn(url: string): Promise<{ stdout: string; stderr: string }> {
  const script = `
    const { connect } = await import(${JSON.stringify(DIST)});
    try {
      const c = await connect(process.argv[1]);
      const rows = (await c.execute("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")).rows;
      console.log("connected ssl=" + rows[0].ssl);
      await c.close();
    } catch (e) {
      console.log("error: " + e.message + (e.hint ? " | hint: " + e.hint : ""));
    }`;
  const child = spawn(process.execPath, ["--input-type=module", "-e", script, url], { timeout: 30_000 });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((done) => child.on("close", () => done({ stdout: stdout.trim(), stderr })));
}

function withQuery(url: string, query: string): string {
  return `${url}${url.includes("?") ? "&" : "?"}${query}`;
}

describe.skipIf(!postgresqlAvailable)("PostgreSQL sslmode", () => {
  test("prefer on a server without SSL connects in plain text, as libpq does, without pg's warning", async () => {
    const result = await connectIn(withQuery(serverUrls.postgresql, "sslmode=prefer"));
    expect(result.stdout).toBe("connected ssl=false");
    expect(result.stderr).not.toContain("SECURITY WARNING");
    expect(result.stderr).toBe("");
  });

  test("require on a server without SSL fails in one line, without pg's warning", async () => {
    const result = await connectIn(withQuery(serverUrls.postgresql, "sslmode=require"));
    expect(result.stdout).toMatch(/^error: Cannot connect to postgresql:\/\/.*does not support SSL/);
    expect(result.stdout.split("\n")).toHaveLength(1);
    expect(result.stderr).toBe("");
  });
});

describe("PostgreSQL sslmode against a self-signed certificate", () => {
  let server: Server;
  let port = 0;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), "athanor-tls-"));
    execFileSync("openssl", [
      "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
      "-keyout", join(dir, "key.pem"), "-out", join(dir, "cert.pem"),
    ], { stdio: "ignore" });
    const key = readFileSync(join(dir, "key.pem"));
    const cert = readFileSync(join(dir, "cert.pem"));
    // Answers the 8-byte SSLRequest with 'S', then speaks TLS with the self-signed certificate.
    server = createServer((socket) => {
      socket.once("data", () => {
        socket.write("S");
        const tls = new TLSSocket(socket, { isServer: true, key, cert });
        tls.on("error", () => socket.destroy());
      });
      socket.on("error", () => undefined);
    });
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    port = (server.address() as { port: number }).port;
  });

  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  test("require: the refused certificate names pg's reading of sslmode and the two ways out", async () => {
    const result = await connectIn(`postgresql://someone:s3cret-pw@127.0.0.1:${port}/db?sslmode=require`);
    expect(result.stdout).toContain("error: Cannot connect to postgresql://someone:***@127.0.0.1");
    expect(result.stdout).toContain("self-signed certificate");
    expect(result.stdout).toContain("hint: the pg driver verifies the server's certificate for sslmode=require (as verify-full)");
    expect(result.stdout).toContain("uselibpqcompat=true");
    expect(result.stdout).not.toContain("s3cret-pw");
    expect(result.stderr).toBe("");
  });

  test("verify-full: the hint asks for the CA only", async () => {
    const result = await connectIn(`postgresql://someone@127.0.0.1:${port}/db?sslmode=verify-full`);
    expect(result.stdout).toContain("hint: give the server's CA with sslrootcert=<file>");
    expect(result.stdout).not.toContain("uselibpqcompat");
  });
});
