// The Chromium the bench scripts drive: Debian's, headless, with nothing reaching for the network
// (on the closed network here, background requests would hang it).
import { chromium } from "playwright-core";

export const launchChromium = () =>
  chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
