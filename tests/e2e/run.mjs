// End-to-end test of the real desktop app through tauri-driver (WebDriver → WebKitWebDriver),
// with plain WebDriver HTTP calls. scripts/test-e2e.sh builds the app, starts Xvfb and
// tauri-driver, and runs this with: node tests/e2e/run.mjs <app binary> <crosscheck CLI binary>
//
// Every step runs: a step that cannot run is a failure, never a skip.

import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import assert from 'node:assert/strict';

const [app, cli] = process.argv.slice(2);
const driver = process.env.TAURI_DRIVER_URL ?? 'http://127.0.0.1:4444';
// The app is started by tauri-driver, so it takes its environment from there: the script that
// starts tauri-driver sets CROSSCHECK_DB to a fresh store and passes the same path here.
const store = process.env.CROSSCHECK_DB;
if (!store) throw new Error('set CROSSCHECK_DB to the (empty) store the app under test uses');

async function wd(method, url, body) {
  const res = await fetch(driver + url, { method, headers: { 'content-type': 'application/json' }, body: body ? JSON.stringify(body) : undefined });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(json.value ?? json).slice(0, 300)}`);
  return json.value;
}

const started = Date.now();
const session = await wd('POST', '/session', {
  capabilities: { alwaysMatch: { browserName: 'wry', 'tauri:options': { application: app } } },
});
const sid = session.sessionId;
const shots = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/screenshots');
mkdirSync(shots, { recursive: true });
/** Saves what the real app shows (WebKitWebDriver's screenshot of the webview). */
const screenshot = async (name) => writeFileSync(path.join(shots, `${name}.png`), Buffer.from(await wd('GET', `/session/${sid}/screenshot`), 'base64'));
const exec = (script, args = []) => wd('POST', `/session/${sid}/execute/sync`, { script, args });

async function until(what, script, args = [], ms = 20000) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await exec(script, args);
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
const bodyHas = (text) => until(`"${text}"`, 'return document.body.innerText.includes(arguments[0]);', [text]);
const clickButton = (name) =>
  exec(`const b = [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === arguments[0] || b.getAttribute('aria-label') === arguments[0]);
        if (!b) return false; b.click(); return true;`, [name]).then((ok) => assert.ok(ok, `button ${name}`));

let failed = false;
async function step(name, fn) {
  try {
    await fn();
    console.log(`ok   ${name}`);
  } catch (e) {
    failed = true;
    console.log(`FAIL ${name}: ${e.message}`);
  }
}

try {
  await step('the app starts on an empty store and creates the sample workspace', async () => {
    await until('the app', 'return !!document.querySelector("nav[aria-label=Views]");');
    console.log(`     first render within ${Date.now() - started} ms of the session request`);
    await bodyHas('sample:tass-karabakh-fr.txt');
    await screenshot('e2e-library');
  });

  await step('the claims view lists the store\'s claims', async () => {
    const claims = JSON.parse(execFileSync(cli, ['--db', store, 'claims', '--json'], { encoding: 'utf8' })).claims;
    assert.ok(claims.length > 0, 'the sample workspace holds extracted claims');
    await clickButton('Claims');
    await bodyHas(`${claims.length.toLocaleString('en')} matching`);
    await until('a claim row', 'return document.querySelectorAll(".scroller [role=row] [role=cell]").length > 0;');
    await screenshot('e2e-claims');
  });

  await step('the reader highlights the sample\'s claims', async () => {
    await clickButton('Reader');
    await until('highlights', 'return document.querySelectorAll("article .hl").length > 0;');
    await exec('document.querySelector("article .hl").click();');
    await until('the claim panel', 'return !!document.querySelector("aside");');
    await screenshot('e2e-reader');
  });

  await step('open the Bakou vs Erevan conflict and see the diff', async () => {
    await clickButton('Conflicts');
    await until('a conflict', 'return document.querySelectorAll("[aria-label=\'Conflict list\'] button").length > 0;');
    await exec('document.querySelector("[aria-label=\'Conflict list\'] button").click();');
    await until('the diff', 'return !!document.querySelector("[aria-label=\'Aligned statements\']");');
    const heads = await exec('return [...document.querySelectorAll("[role=columnheader]")].map((h) => h.textContent.trim());');
    assert.ok(heads.some((h) => h.includes('AZ')) && heads.some((h) => h.includes('AM')), `Bakou and Erevan side by side: ${heads}`);
    await screenshot('e2e-conflict');
  });

  await step('set a verdict', async () => {
    await clickButton('Claims');
    await until('a claim row', 'return document.querySelectorAll(".scroller [role=row] [role=cell]").length > 0;');
    await exec('document.querySelector(".scroller [role=row]").click();');
    await until('the verification panel', 'return !!document.querySelector("aside [aria-label=\'Set verdict\']");');
    // A fresh store has no analyst name: the panel asks for it once (history records it).
    await until('the name form', 'return !!document.querySelector("aside input[aria-label=\'Your name\']");');
    await exec(`const i = document.querySelector("aside input[aria-label='Your name']"); i.value = "E2E Analyst"; i.dispatchEvent(new Event("input", { bubbles: true }));`);
    await clickButton('Set name');
    await until('the name saved', 'return !document.querySelector("aside input[aria-label=\'Your name\']");');
    const chosen = await exec(`const s = document.querySelector("aside select[aria-label=Verdict]");
      const o = [...s.options].find((o) => o.value !== s.value); s.value = o.value; s.dispatchEvent(new Event("change", { bubbles: true })); return o.value;`);
    await clickButton('Save verdict');
    await until('the history entry', 'return [...document.querySelectorAll("aside li")].some((li) => li.textContent.includes("verdict") && li.textContent.includes(arguments[0]));', [chosen]);
    await screenshot('e2e-verdict');
  });

  await step('export an HTML report and find the file', async () => {
    // The save dialog is the system's and cannot be driven over WebDriver: scripts/test-e2e.sh
    // starts the app with CROSSCHECK_E2E_SAVE_PATH, which the dialog command returns (and
    // grants) instead of asking.
    const elsewhere = path.join(path.dirname(store), 'not-chosen.html');
    const refused = await exec(`return window.__TAURI_INTERNALS__.invoke("export_report", { options: { scope: { kind: "all" }, kind: "publication", language: "en", title: null, analyst: null }, format: "html", path: arguments[0] })
      .then(() => "written", (e) => e.code);`, [elsewhere]);
    assert.equal(refused, 'forbidden', 'a path no dialog returned is refused (issue 17, item 13)');
    const opened = await exec('return window.__TAURI_INTERNALS__.invoke("open_path", { path: arguments[0] }).then(() => "opened", (e) => e.code);', [cli]);
    assert.equal(opened, 'forbidden', 'open_path launches only reports the app wrote');
    const out = await exec('return window.__TAURI_INTERNALS__.invoke("pick_report_path", { format: "html" });');
    const options = { scope: { kind: 'all' }, kind: 'audit', language: 'en', title: null, analyst: null };
    const r = await exec('return window.__TAURI_INTERNALS__.invoke("export_report", { options: arguments[1], format: "html", path: arguments[0] });', [out, options]);
    const { readFileSync } = await import('node:fs');
    const html = readFileSync(out, 'utf8');
    assert.equal(r.bytes, Buffer.byteLength(html), 'size as written');
    assert.match(html, /Erevan/, 'the report names the sample\'s parties');
  });

  await step('resolve the sample conflict, then save its publication report as HTML and PDF from the Reports view', async () => {
    const { readFileSync, existsSync } = await import('node:fs');
    const conflicts = await exec('return window.__TAURI_INTERNALS__.invoke("conflicts");');
    assert.ok(conflicts.length > 0, 'the sample workspace has a conflict');
    const c = conflicts[0];
    // The analyst's review, in the app; then who is right, with the CLI on the same store (the
    // app has no control for the judgement yet).
    await exec('return window.__TAURI_INTERNALS__.invoke("set_conflict_status", { id: arguments[0], status: "confirmed", reason: "" });', [c.id]);
    const diff = await exec('return window.__TAURI_INTERNALS__.invoke("conflict_diff", { id: arguments[0] });', [c.id]);
    const winner = diff.columns[0];
    execFileSync(cli, ['--db', store, 'conflict', 'status', String(c.id), 'resolved', '--party', winner.party, '--explanation', 'Satellite imagery published the next day matches this account.']);

    await clickButton('Reports');
    await until('the report preview', 'return !!document.querySelector("[aria-label=\'Report preview\']");');
    await until('the resolved conflict in the preview', 'return document.querySelector("[aria-label=\'Report preview\']").innerText.includes("Resolved for");');
    await screenshot('e2e-reports');
    const saved = {};
    for (const format of ['html', 'pdf']) {
      await exec('const r = document.querySelector(`input[name=format][value="${arguments[0]}"]`); r.click(); return true;', [format]);
      await exec('const old = document.querySelector("[aria-label=\'Saved report\']"); if (old) old.remove(); return true;');
      await clickButton('Save report as…');
      const text = await until(`the ${format} report saved`, 'const s = document.querySelector("[aria-label=\'Saved report\']"); return s && s.innerText.includes("." + arguments[0]) ? s.innerText : null;', [format], 60000);
      const file = text.match(/Saved (\S+\.(?:html|pdf))/)[1];
      assert.ok(existsSync(file), `${file} written`);
      saved[format] = file;
    }
    const html = readFileSync(saved.html, 'utf8');
    assert.match(html, /Publication report/, 'a publication report (the default kind)');
    assert.match(html, /Resolved for/, 'the conflict and its resolution');
    assert.match(html, /Satellite imagery published the next day/, 'why');
    assert.match(html, /<svg class="chart"/, 'the at-a-glance chart, inline SVG');
    const pdfText = execFileSync('pdftotext', ['-enc', 'UTF-8', saved.pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    assert.match(pdfText, /Publication report/, 'the PDF reads as text');
    assert.match(pdfText, /Resolved for/, 'with the resolved conflict');
    assert.match(pdfText, /Satellite imagery published the next day/, 'and why');
    const fonts = execFileSync('pdffonts', [saved.pdf], { encoding: 'utf8' }).trim().split('\n').slice(2);
    assert.ok(fonts.length > 0 && fonts.every((l) => l.trim().split(/\s+/).slice(-5)[0] === 'yes'), `every font embedded:\n${fonts.join('\n')}`);
    // No local path in any format: neither the store's folder nor a home or temp folder.
    const folder = path.dirname(store);
    for (const [name, shown] of [['html', html], ['pdf', pdfText]]) {
      assert.ok(!shown.includes(folder), `${name}: the store's folder is not named`);
      assert.ok(!/file:\/\/|\/home\/|\/tmp\//.test(shown), `${name}: no local path`);
    }
    // The README shows the first page as the tests made it.
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', saved.pdf, path.join(shots, 'report-pdf-page1')]);
    assert.ok(existsSync(path.join(shots, 'report-pdf-page1.png')), 'page 1 as PNG');
  });
} finally {
  await wd('DELETE', `/session/${sid}`).catch(() => {});
}
if (failed) process.exit(1);
console.log('e2e passed');
