import { defineConfig } from '@playwright/test';

// Faro's browser tests drive Debian's Chromium (never a downloaded browser) against a freshly
// started `faro` on its own port and its own SQLite file with the demo data.
// FARO_BIN and LEPTOS_SITE_ROOT come from `make test`; the defaults suit a debug build.
const port = Number(process.env.FARO_E2E_PORT ?? 3987);
const baseURL = `http://127.0.0.1:${port}`;
const faro = process.env.FARO_BIN ?? '../target/debug/faro';
const siteRoot = process.env.LEPTOS_SITE_ROOT ?? '../target/site';
const database = `sqlite://${process.env.FARO_E2E_DIR ?? '../target/e2e'}/faro.db`;

export default defineConfig({
  testDir: './tests',
  // A journey signs in, visits several pages and runs axe on each: on 2 cores busy with the
  // server and two browsers, some take 30 s. A stuck step still fails on its own 5 s expect.
  timeout: 60_000,
  expect: { timeout: 5_000 },
  fullyParallel: true,
  workers: 2,
  forbidOnly: true,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [
    { name: 'hydrated', use: { javaScriptEnabled: true } },
    // The journeys tagged @nojs must work as plain server-rendered HTML and forms.
    { name: 'no-javascript', grep: /@nojs/, use: { javaScriptEnabled: false } },
  ],
  webServer: {
    command:
      `rm -rf ${process.env.FARO_E2E_DIR ?? '../target/e2e'} && ` +
      `${faro} demo --database-url ${database} && ` +
      `${faro} serve --addr 127.0.0.1:${port} --database-url ${database}`,
    url: `${baseURL}/healthz`,
    env: { LEPTOS_SITE_ROOT: siteRoot, RUST_LOG: 'warn' },
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
