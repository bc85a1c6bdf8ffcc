// The desktop app's start-up on a big store, measured on the real app (issue 18: "the app starts on
// that store in ≤ 2 s with ≤ 400 MB resident in all its processes"). scripts/desktop-scale.sh runs
// it under Xvfb:
//
//   node scripts/desktop-scale.mjs APP STORE RUNS [SCREENSHOT.png]
//
// Each run starts tauri-driver with a fresh log folder, asks it for a session (which starts APP on
// STORE), and waits until the first view shows its data: the Library's first source row. It then
// reads the app's own log (`store opened in … ms`, `first render … ms after start`; the app logs them
// with CROSSCHECK_TIMING set), waits for the processes to settle, and sums the memory of the app's
// process and every process under it (WebKitGTK's web and network processes) from /proc: PSS (each
// shared page counted once across the tree), RSS, and each process's peak RSS (VmHWM). Before each
// run the store's WAL is checkpointed (`sqlite3`), as the app's own exit does: WebDriver kills it.
// With DROP_CACHES=1 the page cache is dropped before each run (needs root), so a run reads the
// store from disk as after a reboot.
//
// Prints one line per run and a JSON summary on the last line.

import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const [app, store, runsArg, shot] = process.argv.slice(2);
if (!app || !store) throw new Error('usage: node scripts/desktop-scale.mjs APP STORE [RUNS] [SCREENSHOT.png]');
const runs = Number(runsArg ?? 1);
const driverBin = process.env.TAURI_DRIVER ?? 'tauri-driver';
const port = Number(process.env.TAURI_DRIVER_PORT ?? 4455);
const driver = `http://127.0.0.1:${port}`;
// What "settled" means: the app has painted its data and the page is idle.
const SETTLE_MS = 3000;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function wd(method, url, body) {
  const res = await fetch(driver + url, { method, headers: { 'content-type': 'application/json' }, body: body ? JSON.stringify(body) : undefined });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(json.value ?? json).slice(0, 300)}`);
  return json.value;
}

/** Parent pid of every process, from /proc. */
function parents() {
  const out = new Map();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      // The command name is in brackets and may hold spaces: the fields after it are fixed.
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      out.set(Number(d), ppid);
    } catch { /* the process ended */ }
  }
  return out;
}

function descendants(root, ppids) {
  const tree = [root];
  for (let i = 0; i < tree.length; i++) for (const [pid, ppid] of ppids) if (ppid === tree[i]) tree.push(pid);
  return tree;
}

/** The app's process: the one under tauri-driver whose executable is APP. */
function appPid(driverPid) {
  const ppids = parents();
  const want = path.resolve(app);
  for (const pid of descendants(driverPid, ppids)) {
    try {
      if (readlinkSync(`/proc/${pid}/exe`) === want) return pid;
    } catch { /* not ours to read, or gone */ }
  }
  return null;
}

const kb = (text, field) => Number((text.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm')) ?? [0, 0])[1]);

/** PSS, RSS and peak RSS (MB) of the app's process and each process under it. */
function memory(pid) {
  const procs = [];
  for (const p of descendants(pid, parents())) {
    try {
      const rollup = readFileSync(`/proc/${p}/smaps_rollup`, 'utf8');
      const status = readFileSync(`/proc/${p}/status`, 'utf8');
      const name = readFileSync(`/proc/${p}/comm`, 'utf8').trim();
      procs.push({ pid: p, name, pss: kb(rollup, 'Pss') / 1024, rss: kb(rollup, 'Rss') / 1024, hwm: kb(status, 'VmHWM') / 1024 });
    } catch { /* a helper that already exited */ }
  }
  const sum = (k) => procs.reduce((a, p) => a + p[k], 0);
  return { procs, pss: sum('pss'), rss: sum('rss'), hwm: sum('hwm') };
}

/** What closing the app does to its store: the last connection checkpoints the WAL and removes it.
 *  WebDriver ends the app with a signal, which leaves the WAL (after a migration, 200 MB of it)
 *  for the next start to read back; a user's next start does not pay that. */
function closeStore() {
  if (existsSync(`${store}-wal`)) execFileSync('sqlite3', [store, 'PRAGMA wal_checkpoint(TRUNCATE);'], { stdio: 'ignore' });
}

function dropCaches() {
  try {
    execFileSync('sync');
    writeFileSync('/proc/sys/vm/drop_caches', '3');
    return true;
  } catch {
    return false;
  }
}

async function oneRun(i, takeShot) {
  const home = mkdtempSync(path.join(tmpdir(), 'cc-desktop-scale-'));
  // The app's log and WebKit's data go to a folder of this run's, so that its timing lines are its own.
  const env = { ...process.env, CROSSCHECK_DB: store, CROSSCHECK_TIMING: '1', XDG_DATA_HOME: home, XDG_CACHE_HOME: home, XDG_CONFIG_HOME: home };
  closeStore();
  const dropped = process.env.DROP_CACHES === '1' ? dropCaches() : null;
  const drv = spawn(driverBin, ['--port', String(port)], { env, stdio: ['ignore', 'ignore', 'ignore'] });
  try {
    for (let t = 0; t < 50; t++) {
      if (await fetch(`${driver}/status`).then((r) => r.ok, () => false)) break;
      await sleep(100);
    }
    const t0 = performance.now();
    const session = await wd('POST', '/session', { capabilities: { alwaysMatch: { browserName: 'wry', 'tauri:options': { application: app } } } });
    const sid = session.sessionId;
    const exec = (script) => wd('POST', `/session/${sid}/execute/sync`, { script, args: [] });
    // The first view's data: a row of the Library's sources (its title is a button).
    for (;;) {
      if (await exec('return document.querySelector("table[aria-label=Sources] tbody tr td button") !== null;').catch(() => false)) break;
      if (performance.now() - t0 > 600000) throw new Error("no source row within 600 s");
      await sleep(50);
    }
    const rows = performance.now() - t0;
    const pid = appPid(drv.pid);
    await sleep(SETTLE_MS);
    const mem = pid ? memory(pid) : null;
    const log = readFileSync(path.join(home, 'org.crosscheck.desktop/logs/crosscheck.log'), 'utf8');
    const opened = Number((log.match(/store opened in (\d+) ms/) ?? [0, NaN])[1]);
    const firstRender = Number((log.match(/first render (\d+) ms after start/) ?? [0, NaN])[1]);
    const domRows = await exec('return document.querySelectorAll("tr").length;');
    if (takeShot) {
      writeFileSync(takeShot, Buffer.from(await wd('GET', `/session/${sid}/screenshot`), 'base64'));
      // And deep in the list: the rows at nine tenths of the library, fetched as the table scrolls.
      await exec('const s = document.querySelector("table[aria-label=Sources]").parentElement; s.scrollTop = s.scrollHeight * 0.9; return true;');
      const deep = performance.now();
      // Every row drawn there filled: none left waiting for its page.
      const filled = 'const rows = [...document.querySelectorAll("table[aria-label=Sources] tbody tr[aria-rowindex]")]; return rows.length > 0 && Number(rows[0].getAttribute("aria-rowindex")) > 1000 && rows.every((r) => r.querySelector("td button"));';
      while (!(await exec(filled))) {
        if (performance.now() - deep > 30000) throw new Error('no deep row within 30 s');
        await sleep(50);
      }
      console.log(`deep rows shown ${Math.round(performance.now() - deep)} ms after the scroll`);
      writeFileSync(takeShot.replace(/\.png$/, '-deep.png'), Buffer.from(await wd('GET', `/session/${sid}/screenshot`), 'base64'));
    }
    const views = process.env.VIEWS === '1' ? await openViews(exec, sid, pid, takeShot) : undefined;
    await wd('DELETE', `/session/${sid}`).catch(() => {});
    const run = { run: i, dropped, rows_visible_ms: Math.round(rows), first_render_ms: firstRender, store_opened_ms: opened, dom_rows: domRows, ...(mem ? { pss_mb: mem.pss, rss_mb: mem.rss, peak_rss_mb: mem.hwm, procs: mem.procs } : {}), ...(views ? { views } : {}) };
    const procs = (mem?.procs ?? []).map((p) => `${p.name} ${p.pss.toFixed(0)}/${p.rss.toFixed(0)}/${p.hwm.toFixed(0)}`).join(', ');
    console.log(`run ${i}: rows visible ${run.rows_visible_ms} ms after the session request; app: store opened in ${opened} ms, first render ${firstRender} ms after start; ${domRows} table rows in the DOM; memory PSS ${mem?.pss.toFixed(0)} MB, RSS ${mem?.rss.toFixed(0)} MB, peak RSS ${mem?.hwm.toFixed(0)} MB (PSS/RSS/peak: ${procs})${dropped === false ? ' [caches NOT dropped]' : ''}`);
    return run;
  } finally {
    drv.kill('SIGTERM');
    await new Promise((r) => (drv.exitCode !== null ? r() : drv.once('exit', r)));
    rmSync(home, { recursive: true, force: true });
  }
}

/** With VIEWS=1, after the start: each view that once read every source (Claims, Reader,
 *  Reports) opened in turn and timed until its data shows, a common word searched in the Claims
 *  view until its rows and the sources holding it show, then the memory of every process again. */
async function openViews(exec, sid, pid, takeShot) {
  const until = async (what, script, ms = 120000) => {
    const t = performance.now();
    while (!(await exec(script).catch(() => false))) {
      if (performance.now() - t > ms) return `not within ${ms / 1000} s (${what})`;
      await sleep(20);
    }
    return Math.round(performance.now() - t);
  };
  const tab = (name) => exec(`[...document.querySelectorAll("nav[aria-label=Views] button")].find((b) => b.textContent.trim().startsWith(${JSON.stringify(name)})).click(); return true;`);
  const shotOf = async (name) => takeShot && writeFileSync(takeShot.replace(/\.png$/, `-${name}.png`), Buffer.from(await wd('GET', `/session/${sid}/screenshot`), 'base64'));
  const out = {};
  await tab('Claims');
  out.claims_ms = await until('claims rows', 'return document.querySelectorAll(".scroller [role=row] [role=cell]").length > 20;');
  await exec('const i = document.querySelector("input[aria-label=\'Search claims\']"); i.value = "forces"; i.dispatchEvent(new Event("input", { bubbles: true })); return true;');
  out.search_ms = await until('search rows and sources', 'return !!document.querySelector("[aria-label=\'Sources whose text matches\']") && /forces/i.test(document.querySelector(".scroller [role=row]:not(:first-child)")?.textContent ?? "");');
  await shotOf('claims-search');
  await tab('Reader');
  out.reader_ms = await until('a source\'s text', 'return (document.querySelector("article[aria-label=\'Source text\']")?.textContent.length ?? 0) > 100 && !!document.querySelector("input[aria-label=\'Source to read\']")?.value;');
  await shotOf('reader');
  await tab('Reports');
  out.reports_ms = await until('the report form', 'return !!document.querySelector("input[aria-label=\'Report title\']");');
  // Past 100,000 claims the preview of everything waits for a click (it reads every claim).
  out.reports_preview = await until('the preview of everything, or the button asking for it', 'return !!document.querySelector("[aria-label=\'Report preview\'] h3") || [...document.querySelectorAll("button")].some((b) => b.textContent.includes("Preview the report of everything"));', 60000);
  await shotOf('reports');
  await sleep(SETTLE_MS);
  const mem = pid ? memory(pid) : null;
  if (mem) out.pss_after_views_mb = Math.round(mem.pss);
  console.log(`views: ${JSON.stringify(out)}`);
  return out;
}

/** One start without WebDriver: the app launched as a user would, its first render read from
 *  its own log (logged when the first view's data is painted), its memory measured once settled.
 *  The log and WebKit's data stay in one folder across runs, as on a user's machine. */
async function directRun(i, home) {
  closeStore();
  const dropped = process.env.DROP_CACHES === '1' ? dropCaches() : null;
  const logFile = path.join(home, 'org.crosscheck.desktop/logs/crosscheck.log');
  const before = existsSync(logFile) ? readFileSync(logFile, 'utf8').length : 0;
  const env = { ...process.env, CROSSCHECK_DB: store, CROSSCHECK_TIMING: '1', XDG_DATA_HOME: home, XDG_CACHE_HOME: home, XDG_CONFIG_HOME: home };
  const t0 = performance.now();
  const child = spawn(app, [], { env, stdio: ['ignore', 'ignore', 'ignore'] });
  try {
    let log = '';
    for (;;) {
      log = existsSync(logFile) ? readFileSync(logFile, 'utf8').slice(before) : '';
      if (/first render \d+ ms/.test(log)) break;
      if (child.exitCode !== null) throw new Error(`the app exited (${child.exitCode}) before its first render`);
      if (performance.now() - t0 > 600000) throw new Error('no first render within 600 s');
      await sleep(20);
    }
    const seen = performance.now() - t0;
    await sleep(SETTLE_MS);
    const mem = memory(child.pid);
    const opened = Number((log.match(/store opened in (\d+) ms/) ?? [0, NaN])[1]);
    const firstRender = Number((log.match(/first render (\d+) ms after start/) ?? [0, NaN])[1]);
    const procs = mem.procs.map((p) => `${p.name} ${p.pss.toFixed(0)}/${p.rss.toFixed(0)}/${p.hwm.toFixed(0)}`).join(', ');
    console.log(`run ${i}: store opened in ${opened} ms, first render ${firstRender} ms after start (logged ${Math.round(seen)} ms after launch); memory PSS ${mem.pss.toFixed(0)} MB, RSS ${mem.rss.toFixed(0)} MB, peak RSS ${mem.hwm.toFixed(0)} MB (PSS/RSS/peak: ${procs})${dropped === false ? ' [caches NOT dropped]' : ''}`);
    return { run: i, dropped, first_render_ms: firstRender, store_opened_ms: opened, pss_mb: mem.pss, rss_mb: mem.rss, peak_rss_mb: mem.hwm };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r() : child.once('exit', r)));
  }
}

if (!existsSync(store)) throw new Error(`no store at ${store}`);
if (process.env.DIRECT === '1') {
  const home = mkdtempSync(path.join(tmpdir(), 'cc-desktop-scale-'));
  const results = [];
  for (let i = 1; i <= runs; i++) results.push(await directRun(i, home));
  rmSync(home, { recursive: true, force: true });
  console.log(JSON.stringify(results));
  process.exit(0);
}
const results = [];
for (let i = 1; i <= runs; i++) results.push(await oneRun(i, i === runs ? shot : undefined));
console.log(JSON.stringify(results.map(({ procs, ...r }) => r)));
