// Runs many Lighthouse audits in one Node process and one Chromium, for `make bench`.
// Starting Lighthouse per run costs ~10 s on a small machine; this keeps 48 runs under budget.
// Usage: node lighthouse-runner.mjs jobs.json   (jobs: [{url, formFactor, out}])
import fs from "node:fs";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";

const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];
const METRICS = [
  "first-contentful-paint",
  "largest-contentful-paint",
  "speed-index",
  "total-blocking-time",
  "cumulative-layout-shift",
  "total-byte-weight",
];

function summarise(lhr) {
  const requests = lhr.audits["network-requests"]?.details?.items ?? [];
  const failing = Object.values(lhr.audits)
    .filter((audit) => audit.score !== null && audit.score < 1)
    .filter((audit) => ["binary", "numeric", "metricSavings"].includes(audit.scoreDisplayMode))
    .map((audit) => audit.id);
  return {
    url: lhr.finalDisplayedUrl,
    formFactor: lhr.configSettings.formFactor,
    scores: Object.fromEntries(CATEGORIES.map((id) => [id, Math.round(lhr.categories[id].score * 100)])),
    metrics: Object.fromEntries(METRICS.map((id) => [id, lhr.audits[id].numericValue])),
    requests: requests.length,
    offOrigin: requests.filter((item) => !new URL(item.url).hostname.startsWith("127.0.0.1") && !item.url.startsWith("data:")).map((item) => item.url),
    failing,
  };
}

const jobs = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH,
  chromeFlags: JSON.parse(process.env.LH_CHROME_FLAGS),
});
try {
  for (const [index, job] of jobs.entries()) {
    const flags = {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      onlyCategories: CATEGORIES,
      disableFullPageScreenshot: true,
      skipAudits: ["bf-cache", "full-page-screenshot"],
    };
    const config = job.formFactor === "desktop" ? desktopConfig : undefined;
    const result = await lighthouse(job.url, flags, config);
    fs.writeFileSync(job.out, JSON.stringify(summarise(result.lhr)));
    process.stdout.write(`  lighthouse ${index + 1}/${jobs.length}: ${job.formFactor} ${job.url}\n`);
  }
} finally {
  await chrome.kill();
}
