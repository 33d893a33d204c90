// Playwright runs the end-to-end tests in Debian's Chromium (no browser download).
import { defineConfig } from "@playwright/test";

/// Exactly the policy the embedding issue names.
export const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

export default defineConfig({
  testDir: "tests/e2e",
  testMatch: "*.spec.mjs",
  timeout: 60_000,
  workers: 1,
  reporter: [["list"]],
  use: {
    baseURL: "http://127.0.0.1:8765",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run",
      ],
    },
  },
  // The widget's host (with CORS, as a CDN would serve it), another origin for host pages, and
  // the widget's host again behind the strict Content-Security-Policy of the embedding issue.
  webServer: [
    {
      command: "node scripts/serve.mjs --root dist --port 8765 --mount /test/=tests/e2e/pages --mount /fixtures/=tests/fixtures --cors --faults",
      url: "http://127.0.0.1:8765/index.html",
      reuseExistingServer: false,
    },
    {
      command: "node scripts/serve.mjs --root tests/e2e/pages --port 8766",
      url: "http://127.0.0.1:8766/host.html",
      reuseExistingServer: false,
    },
    {
      command: `node scripts/serve.mjs --root dist --port 8767 --mount /test/=tests/e2e/pages --csp "${STRICT_CSP}"`,
      url: "http://127.0.0.1:8767/index.html",
      reuseExistingServer: false,
    },
  ],
});
