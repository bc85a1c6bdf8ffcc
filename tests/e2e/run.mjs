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
    // The text can show (in a notice) before the list reloads: the picture waits for the rows.
    await until('the sources listed', 'return document.querySelectorAll("table[aria-label=Sources] tbody tr").length > 0;');
    await screenshot('e2e-library');
  });

  const cliJson = (...args) => JSON.parse(execFileSync(cli, ['--db', store, ...args, '--json'], { encoding: 'utf8' }));

  await step('the claims view opens on the review queue, least sure first', async () => {
    const queue = cliJson('claims', '--queue').claims;
    assert.ok(queue.length > 0, 'the sample workspace holds extracted claims to review');
    await clickButton('Claims');
    await bodyHas(`${queue.length.toLocaleString('en')} to review`);
    await until('a claim row', 'return document.querySelectorAll(".scroller [role=row] [role=cell]").length > 0;');
    // The first cell is the selection box; the id is the second.
    const first = await exec('return document.querySelector(".scroller [role=row] [role=cell]:nth-child(2)").textContent.trim();');
    assert.equal(Number(first), queue[0].id, 'the app and the CLI agree on the least sure claim');
    await screenshot('e2e-review-queue');
    await clickButton('All claims');
    const all = cliJson('claims').claims;
    await bodyHas(`${all.length.toLocaleString('en')} matching`);
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

  await step('the parties view lists who speaks for a party, each person once under every name, as the CLI does', async () => {
    // Russia: the sample's dispatches in French, English and Russian quote its officials.
    const party = cliJson('parties').parties.find((p) => p.key === 'RU' && p.claims > 0);
    assert.ok(party, 'the sample holds claims of Russia');
    const speakers = cliJson('party', 'speakers', 'RU').speakers;
    assert.ok(speakers.length > 0, 'someone speaks for Russia in the sample');
    await clickButton('Parties');
    await until('the party list', 'return document.querySelectorAll("[aria-label=\'Party list\'] button").length > 0;');
    const picked = await exec(`const b = [...document.querySelectorAll("[aria-label='Party list'] button")].find((b) => b.querySelector(".party-chip")?.textContent.trim() === arguments[0]);
      if (!b) return false; b.click(); return true;`, [party.key]);
    assert.ok(picked, `party ${party.key} in the list`);
    const shown = await until('who speaks for it', `const l = document.querySelector("ul[aria-labelledby=speakers-title]");
      return l && [...l.querySelectorAll("li")].map((li) => li.textContent.replace(/\\s+/g, " ").trim());`);
    const said = speakers.map((s) => `${s.names.join(' · ')} — ${s.claims} ${s.claims === 1 ? 'claim' : 'claims'}`.replace(/\s+/g, ' '));
    assert.deepEqual(shown, said, `the app lists ${party.key}'s speakers as the core groups them, names in each language, most claims first: ${JSON.stringify(shown)} against ${JSON.stringify(said)}`);
    await screenshot('e2e-parties-speakers');
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
    // The history reads as a sentence: "verdict: unverified → mostly false".
    await until('the history entry', 'return [...document.querySelectorAll("aside li")].some((li) => li.textContent.includes("verdict: unverified → " + arguments[0]));', [chosen.replace(/_/g, ' ')]);
    await screenshot('e2e-verdict');
  });

  await step('accept a claim from the review queue with one click', async () => {
    await clickButton('Claims');
    await until('an Accept button', 'return !!document.querySelector(".scroller button[aria-label^=\'Accept claim\']");');
    const id = await exec(`const b = document.querySelector(".scroller button[aria-label^='Accept claim']"); b.click();
      return Number(b.getAttribute('aria-label').replace('Accept claim ', ''));`);
    await bodyHas(`Claim ${id} accepted.`);
    const c = cliJson('claim', 'show', String(id)).claims[0];
    assert.equal(c.review, 'reviewed', 'the store holds the acceptance');
    assert.ok(!cliJson('claims', '--queue').claims.some((q) => q.id === id), 'the accepted claim left the queue');
  });

  await step('correct a speaker and its party with the searchable picker', async () => {
    const target = cliJson('claims', '--queue').claims[0];
    await clickButton('Claims');
    await until('the queue', 'return document.querySelectorAll(".scroller [role=row] [role=cell]").length > 0;');
    await exec('document.querySelector(".scroller [role=row]").click();');
    await until('the claim panel', `return !!document.querySelector("aside[aria-label='Claim ${target.id}']");`);
    await exec('[...document.querySelectorAll("aside button")].find((b) => b.textContent.trim() === "Correct").click();');
    await until('the edit form', 'return !!document.querySelector("aside form[aria-label=\'Edit claim\']");');
    await exec(`const i = document.querySelector("aside input[aria-label=Speaker]"); i.value = "Erevan"; i.dispatchEvent(new Event("input", { bubbles: true }));
      const p = document.querySelector("aside input[role=combobox]"); p.focus(); p.value = "armén"; p.dispatchEvent(new Event("input", { bubbles: true }));`);
    await until('the picker\'s options', 'return [...document.querySelectorAll("aside [role=option]")].some((o) => /Armenia/.test(o.textContent));');
    await screenshot('e2e-party-picker');
    await exec(`const o = [...document.querySelectorAll("aside [role=option]")].find((o) => /^Armenia\\b/.test(o.textContent.trim()));
      o.dispatchEvent(new MouseEvent("mousedown", { bubbles: true }));`);
    await until('the party chosen', 'return document.querySelector("aside input[role=combobox]").value === "AM";');
    await clickButton('Save');
    await bodyHas('edited by analyst');
    const c = cliJson('claim', 'show', String(target.id)).claims[0];
    assert.deepEqual([c.speaker.name, c.speaker.party, c.review], ['Erevan', 'AM', 'edited'], `the correction is stored: ${JSON.stringify(c)}`);
    const h = cliJson('history', String(target.id)).history;
    assert.ok(h.some((e) => e.change === 'claim_edit' && e.analyst === 'E2E Analyst'), 'the correction is in the history under the analyst\'s name');
  });

  await step('a second dispatch gets its outlet and day from its dateline', async () => {
    const file = path.join(path.dirname(store), 'reuters-jermuk.txt');
    writeFileSync(file, 'Armenia says Azerbaijani forces shelled Jermuk\n\nBy Jane Roe\n\nYEREVAN, Sept 13, 2022 (Reuters) – Armenia\'s defence ministry said on Tuesday that Azerbaijani forces had shelled the town of Jermuk overnight. The ministry said three civilians were wounded.\n');
    execFileSync(cli, ['--db', store, 'import', file]);
    await clickButton('Library');
    await clickButton('Reader');
    await clickButton('Library');
    await bodyHas('Armenia says Azerbaijani forces shelled Jermuk');
    const row = await exec(`return [...document.querySelectorAll("table[aria-label=Sources] tr")].find((r) => r.textContent.includes("Jermuk"))?.innerText ?? "";`);
    assert.match(row, /Reuters/, `the outlet read from the dateline: ${row}`);
    assert.match(row, /2022-09-13/, `the day read from the dateline: ${row}`);
    await screenshot('e2e-library-dateline');
  });

  await step('correct the second dispatch\'s author and day in the Library\'s form; the store and its history agree', async () => {
    const src = cliJson('sources').sources.find((s) => s.title.includes('Jermuk'));
    await clickButton('Library');
    await clickButton(`Edit facts of ${src.title}`);
    await until('the facts form', 'return !!document.querySelector("form[aria-label^=\'Facts of\'] input[aria-label=Outlet]");');
    const shown = await until('the facts read', `const f = document.querySelector("form[aria-label^='Facts of']");
      const v = (n) => f.querySelector("input[aria-label='" + n + "']").value;
      return v("Outlet") && [v("Outlet"), v("Author"), v("Publication day")];`);
    assert.deepEqual(shown, ['Reuters', 'Jane Roe', '2022-09-13'], 'what the dateline and byline gave');
    await exec(`const f = document.querySelector("form[aria-label^='Facts of']");
      const set = (n, v) => { const i = f.querySelector("input[aria-label='" + n + "']"); i.value = v; i.dispatchEvent(new Event("input", { bubbles: true })); };
      set("Author", "Jane Roe and John Doe"); set("Publication day", "2022-09-14");`);
    // The webview repaints after the DOM changes: a picture taken at once showed the page before the form.
    await new Promise((r) => setTimeout(r, 500));
    await screenshot('e2e-library-facts');
    await clickButton('Save facts');
    await bodyHas('” saved.');
    const stored = cliJson('sources').sources.find((s) => s.id === src.id);
    assert.deepEqual([stored.outlet, stored.published_at], ['Reuters', '2022-09-14T00:00:00Z'], 'the store holds the day');
    const row = await exec(`return [...document.querySelectorAll("table[aria-label=Sources] tr")].find((r) => r.textContent.includes("Jermuk"))?.innerText ?? "";`);
    assert.match(row, /2022-09-14/, `the Library's row shows the day: ${row}`);
    const h = cliJson('history').history.filter((e) => e.change === 'source');
    assert.equal(h.length, 1, `one history entry: ${JSON.stringify(h)}`);
    assert.deepEqual([JSON.parse(h[0].new), h[0].analyst], [{ source: src.id, author: 'Jane Roe and John Doe', published: '2022-09-14' }, 'E2E Analyst'], 'what changed, under the analyst\'s name');
  });

  await step('attach a passage of another source as evidence that refutes a claim', async () => {
    const target = cliJson('claims').claims.find((c) => c.speaker.party === 'AZ' || (c.speaker.countries ?? []).includes('AZ'));
    assert.ok(target, 'the sample has a claim of Azerbaijan');
    const other = cliJson('sources').sources.find((s) => s.title.includes('Jermuk'));
    await clickButton('Claims');
    await clickButton('All claims');
    await until('the claim row', 'return [...document.querySelectorAll(".scroller [role=row]")].some((r) => r.querySelector("[role=cell]:nth-child(2)")?.textContent.trim() === String(arguments[0]));', [target.id]);
    await exec('[...document.querySelectorAll(".scroller [role=row]")].find((r) => r.querySelector("[role=cell]:nth-child(2)")?.textContent.trim() === String(arguments[0])).click();', [target.id]);
    await until('the claim panel', `return !!document.querySelector("aside[aria-label='Claim ${target.id}']");`);
    await clickButton('Reader');
    // The other source is picked by its number in the Reader's source picker (the core finds it;
    // no view lists the library). The Reader opens on the selected claim's source and may finish
    // loading it after the choice, which then snaps back: pick the other source again until it shows.
    await until('the other source', `const s = document.querySelector("input[aria-label='Source to read']");
      if (document.querySelector("article")?.textContent.includes("shelled the town of Jermuk")) return true;
      window.__e2eTries = (window.__e2eTries ?? 0) + 1;
      const option = document.querySelector("[role=listbox][aria-label='Sources found'] [role=option]");
      if (option && option.textContent.includes("#" + arguments[0] + " ·")) { option.dispatchEvent(new MouseEvent("mousedown", { bubbles: true, cancelable: true })); return false; }
      if (s && window.__e2eTries % 10 === 1) { s.focus(); s.value = "#" + arguments[0]; s.dispatchEvent(new Event("input", { bubbles: true })); }
      return false;`, [other.id]);
    await exec(`const el = document.querySelector("article");
      const span = [...el.querySelectorAll("span")].find((s) => s.textContent.includes("shelled the town of Jermuk"));
      const node = span.firstChild; const i = node.textContent.indexOf("Azerbaijani forces had shelled");
      const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + "Azerbaijani forces had shelled the town of Jermuk".length);
      getSelection().removeAllRanges(); getSelection().addRange(r); el.dispatchEvent(new MouseEvent("mouseup", { bubbles: true }));`);
    await until('the attach control', 'return !!document.querySelector("select[aria-label=\'Passage relation\']");');
    await exec(`const s = document.querySelector("select[aria-label='Passage relation']"); s.value = "refutes"; s.dispatchEvent(new Event("change", { bubbles: true }));`);
    await clickButton('Attach as evidence');
    await bodyHas(`Passage attached to claim ${target.id} as evidence.`);
    await screenshot('e2e-evidence');
    const ev = cliJson('evidence', 'list', String(target.id)).evidence;
    assert.ok(ev.some((e) => e.relation === 'refutes' && JSON.stringify(e).includes('Jermuk')), `the passage is stored as refuting evidence: ${JSON.stringify(ev)}`);
  });

  await step('say who is right in a conflict, with an explanation that goes to its history', async () => {
    await clickButton('Conflicts');
    await until('a conflict', 'return document.querySelectorAll("[aria-label=\'Conflict list\'] button").length > 0;');
    await exec('document.querySelector("[aria-label=\'Conflict list\'] button").click();');
    await until('the decision form', 'return !!document.querySelector("select[aria-label=\'Who is right\']");');
    const id = await exec('return Number(document.querySelector("section[aria-label^=\'Decision on conflict\']").getAttribute("aria-label").replace("Decision on conflict ", ""));');
    await exec(`const s = document.querySelector("select[aria-label='Who is right']"); s.value = "all_contradicted"; s.dispatchEvent(new Event("change", { bubbles: true }));
      const i = document.querySelector("input[aria-label='Explanation of the decision']"); i.value = "Monitors saw fire from both sides"; i.dispatchEvent(new Event("input", { bubbles: true }));`);
    await clickButton('Save decision');
    await bodyHas('who is right: open → all sides contradicted');
    // Saying who is right confirms the conflict: its heading says so without reopening it.
    await until('the heading to follow the decision', 'const b = [...document.querySelectorAll("button")].find((b) => b.textContent.trim() === "Confirm"); return !!b && b.disabled;');
    await screenshot('e2e-conflict-decision');
    const h = cliJson('history', '--conflict', String(id)).history;
    assert.ok(h.some((e) => e.change === 'conflict_status' && e.analyst === 'E2E Analyst' && e.note.includes('both sides')), `in the conflict's history: ${JSON.stringify(h)}`);
  });

  await step('reject a conflict with a reason; the reason and the analyst go to its history', async () => {
    await clickButton('Conflicts');
    await until('a conflict', 'return document.querySelectorAll("[aria-label=\'Conflict list\'] button").length > 1;');
    // The last one: the steps after this one decide on the first.
    await exec('const b = [...document.querySelectorAll("[aria-label=\'Conflict list\'] button")]; b[b.length - 1].click();');
    // The view shows the conflict of the step before until this one's diff arrives.
    await until('its diff', 'const b = [...document.querySelectorAll("[aria-label=\'Conflict list\'] button")]; return b[b.length - 1].getAttribute("aria-pressed") === "true" && !!document.querySelector("section[aria-label^=\'Decision on conflict\']");');
    const id = await exec('return Number(document.querySelector("section[aria-label^=\'Decision on conflict\']").getAttribute("aria-label").replace("Decision on conflict ", ""));');
    const rejectable = () => exec('const b = [...document.querySelectorAll("button")].find((b) => b.textContent.trim() === "Reject"); return !!b && !b.disabled;');
    assert.equal(await rejectable(), false, 'no rejecting without a reason');
    await exec(`const i = document.querySelector("input[aria-label='Reason for the decision']"); i.value = "Two different nights of shelling"; i.dispatchEvent(new Event("input", { bubbles: true }));`);
    await until('Reject enabled by the reason', 'return [...document.querySelectorAll("button")].some((b) => b.textContent.trim() === "Reject" && !b.disabled);');
    await clickButton('Reject');
    await bodyHas(`Conflict ${id} rejected.`);
    const c = cliJson('conflicts', '--status', 'rejected').conflicts;
    assert.ok(c.some((x) => x.id === id), `listed as rejected by the CLI: ${JSON.stringify(c.map((x) => x.id))}`);
    const h = cliJson('history', '--conflict', String(id)).history;
    assert.ok(h.some((e) => e.change === 'conflict_review' && e.new === 'rejected' && e.note === 'Two different nights of shelling' && e.analyst === 'E2E Analyst'), `in the conflict's history: ${JSON.stringify(h)}`);
  });

  await step('tag two claims from the claim panel and open the party × tag matrix', async () => {
    await clickButton('Claims');
    await until('claim rows', 'return document.querySelectorAll(".scroller [role=row] [role=cell]").length > 1;');
    const tagged = [];
    for (const i of [0, 1]) {
      await exec('document.querySelectorAll(".scroller [role=row]")[arguments[0]].click();', [i]);
      const id = await until('the claim panel', 'const a = document.querySelector("aside[aria-label^=\'Claim \']"); return a && a.querySelector("input[aria-label=\'New tag\']") && Number(a.getAttribute("aria-label").replace("Claim ", ""));');
      // The row clicked second may be the one opened first if the list moved; each claim is tagged once.
      assert.ok(!tagged.includes(id), `a second claim opened (${id})`);
      await exec(`const i = document.querySelector("aside input[aria-label='New tag']"); i.value = "border shelling"; i.dispatchEvent(new Event("input", { bubbles: true }));`);
      await until('Add tag enabled', 'const b = [...document.querySelectorAll("aside button")].find((b) => b.textContent.trim() === "Add tag"); return b && !b.disabled;');
      await clickButton('Add tag');
      await bodyHas(`Claim ${id} tagged`);
      tagged.push(id);
    }
    const listed = cliJson('claims', '--tag', 'border shelling').claims.map((c) => c.id).sort((a, b) => a - b);
    assert.deepEqual(listed, [...tagged].sort((a, b) => a - b), 'the store holds both tags');
    const h = cliJson('history', String(tagged[0])).history;
    assert.ok(h.some((e) => e.change === 'claim_edit' && e.new === '{"tags":["border shelling"]}' && e.analyst === 'E2E Analyst'), `tagging is in the history: ${JSON.stringify(h)}`);
    await clickButton('Matrix');
    await until('the matrix', 'return document.querySelectorAll("table[aria-label=\'Claims by party and tag\'] button.cell").length > 0;');
    const counted = await exec('return [...document.querySelectorAll("button.cell strong")].reduce((n, s) => n + Number(s.textContent), 0);');
    const cells = cliJson('matrix').cells;
    assert.equal(counted, cells.reduce((n, c) => n + c.count, 0), 'the app and the CLI agree on the matrix');
    assert.equal(counted, 2, 'both claims, each under its party');
    await exec('document.querySelector("button.cell").click();');
    await until('the cell\'s claims', 'return !!document.querySelector("section[aria-label=\'Claims of the cell\'] li");');
    await screenshot('e2e-matrix');
  });

  await step('the worktable: sort by a header, select two claims, one verdict for both, export the filtered rows; the CLI agrees', async () => {
    await clickButton('Claims');
    await clickButton('All claims');
    await until('claim rows', 'return document.querySelectorAll(".scroller [role=row] [role=cell]").length > 1;');
    const rowIds = 'return [...document.querySelectorAll(".scroller [role=row]")].map((r) => Number(r.querySelectorAll("[role=cell]")[1]?.textContent));';
    const bySpeaker = cliJson('claims', '--sort', 'speaker').claims.map((c) => c.id);
    // The header's button is named by its text; its title says what it sorts.
    await exec(`const b = document.querySelector("[role=table][aria-label=Claims] button.sort[title='Sort by speaker']"); b.click();`);
    await until('the rows in the CLI\'s speaker order', `const ids = (() => { ${rowIds} })(); return JSON.stringify(ids.slice(0, 5)) === arguments[0];`, [JSON.stringify(bySpeaker.slice(0, 5))]);
    const picked = bySpeaker.slice(0, 2);
    // A click selects the first row (and opens it), a Ctrl-click adds the second.
    await exec('document.querySelectorAll(".scroller [role=row]")[0].click();');
    await exec('document.querySelectorAll(".scroller [role=row]")[1].dispatchEvent(new MouseEvent("click", { bubbles: true, ctrlKey: true }));');
    await bodyHas('2 selected');
    const selected = await exec('return [...document.querySelectorAll(".scroller [role=row][aria-selected=true]")].map((r) => Number(r.querySelectorAll("[role=cell]")[1].textContent));');
    assert.deepEqual(selected, picked, 'the two rows are selected');
    const falseBefore = cliJson('claims', '--status', 'false').claims.map((c) => c.id);
    const changing = picked.filter((id) => !falseBefore.includes(id));
    await exec(`const s = document.querySelector("select[aria-label='Verdict for the selected claims']"); s.value = "false"; s.dispatchEvent(new Event("change", { bubbles: true }));`);
    await until('Set verdict enabled', 'const b = [...document.querySelectorAll("button")].find((b) => b.textContent.trim() === "Set verdict"); return b && !b.disabled;');
    await clickButton('Set verdict');
    await bodyHas(`${changing.length} of 2 claims changed.`);
    await exec('const a = document.querySelector("aside button[aria-label^=Close]"); if (a) a.click();');
    await screenshot('e2e-worktable');
    const judged = cliJson('claims', '--status', 'false').claims.map((c) => c.id);
    for (const id of picked) {
      assert.ok(judged.includes(id), `claim ${id} is false in the store: ${judged}`);
      const h = cliJson('history', String(id)).history;
      const entries = h.filter((e) => e.change === 'verdict' && e.new === 'false' && e.analyst === 'E2E Analyst').length;
      assert.equal(entries, changing.includes(id) ? 1 : 0, `one history entry for claim ${id} if it changed: ${JSON.stringify(h)}`);
    }
    // Export exactly the filtered rows: the claims judged false.
    await exec(`const s = document.querySelector("select[aria-label='Filter by verdict']"); s.value = "false"; s.dispatchEvent(new Event("change", { bubbles: true }));`);
    await bodyHas(`${judged.length} matching`);
    await exec(`const b = [...document.querySelectorAll("[aria-label='Export the filtered rows'] button")].find((b) => b.textContent.trim() === "CSV"); b.click();`);
    await bodyHas('exported to');
    const { readFileSync } = await import('node:fs');
    const csv = readFileSync(path.join(path.dirname(store), 'report.csv'), 'utf8');
    const ids = csv.trim().split('\n').slice(1).map((l) => Number(l.split(',')[0]));
    assert.deepEqual(ids.sort((a, b) => a - b), [...judged].sort((a, b) => a - b), 'the CSV holds exactly the filtered claims');
    await exec(`const s = document.querySelector("select[aria-label='Filter by verdict']"); s.value = ""; s.dispatchEvent(new Event("change", { bubbles: true }));`);
  });

  await step('the worktable: filter on a speaker, accept the rows of a Shift-click range, send them back to review, filter on review state; a range beyond the loaded rows comes from the core; the CLI agrees', async () => {
    // A word of a speaker's name whose claims (two or more) all have a party, so all can be accepted.
    let name = null;
    let theirs = [];
    for (const w of new Set(cliJson('claims').claims.flatMap((c) => c.speaker.name.split(/\s+/)).filter((w) => /^\p{Lu}\p{L}{3,}$/u.test(w)))) {
      theirs = cliJson('claims', '--speaker', w).claims;
      if (theirs.length >= 2 && theirs.every((c) => c.speaker.party)) { name = w; break; }
    }
    assert.ok(name, 'the sample has a speaker with two claims, each with a party');
    const ids = theirs.map((c) => c.id).sort((a, b) => a - b);
    await clickButton('Claims');
    await clickButton('All claims');
    await exec(`const i = document.querySelector("input[aria-label='Filter by speaker']"); i.value = arguments[0]; i.dispatchEvent(new Event("input", { bubbles: true }));`, [name]);
    await bodyHas(`${theirs.length.toLocaleString('en')} matching`);
    await until('the filtered rows', 'return document.querySelectorAll(".scroller [role=row] [role=cell]").length > 1 && document.querySelectorAll(".scroller [role=row]").length === arguments[0];', [theirs.length]);
    // Ctrl-click the first row (selecting without opening), Shift-click the last: the range.
    await exec('document.querySelectorAll(".scroller [role=row]")[0].dispatchEvent(new MouseEvent("click", { bubbles: true, ctrlKey: true }));');
    await exec('const rs = document.querySelectorAll(".scroller [role=row]"); rs[rs.length - 1].dispatchEvent(new MouseEvent("click", { bubbles: true, shiftKey: true }));');
    await bodyHas(`${theirs.length} selected`);
    await clickButton('Accept selected');
    await bodyHas(`Accepted: `);
    assert.deepEqual(cliJson('claims', '--speaker', name, '--review', 'reviewed').claims.map((c) => c.id).sort((a, b) => a - b), ids, 'all accepted in the store');
    await clickButton('Send back to review');
    await bodyHas(`Sent back to review: ${theirs.length} of ${theirs.length} claims changed.`);
    const back = cliJson('claims', '--speaker', name, '--review', 'to_review').claims.map((c) => c.id).sort((a, b) => a - b);
    assert.deepEqual(back, ids, 'all back to review in the store');
    const queue = cliJson('claims', '--queue').claims.map((c) => c.id);
    assert.ok(ids.every((id) => queue.includes(id)), 'and in the review queue');
    const h = cliJson('history', String(ids[0])).history;
    assert.ok(h.some((e) => e.change === 'claim_edit' && e.new === '{"review":"to_review"}' && e.analyst === 'E2E Analyst'), `the send-back is in the history: ${JSON.stringify(h)}`);
    await exec(`const s = document.querySelector("select[aria-label='Filter by review state']"); s.value = "to_review"; s.dispatchEvent(new Event("change", { bubbles: true }));`);
    await bodyHas(`${theirs.length.toLocaleString('en')} matching`);
    await until('the review column', 'return [...document.querySelectorAll(".scroller [role=row]")].every((r) => r.querySelectorAll("[role=cell]")[3]?.textContent.trim() === "to review");');
    await exec('document.querySelectorAll(".scroller [role=row]")[0].dispatchEvent(new MouseEvent("click", { bubbles: true, ctrlKey: true }));');
    await exec('const a = document.querySelector("aside button[aria-label^=Close]"); if (a) a.click();');
    await screenshot('e2e-send-back');
    // The command a Shift-click uses when the range reaches rows not loaded: the ids of a window of
    // the table in its order, the same as the CLI's list in that order.
    const bySpeaker = cliJson('claims', '--sort', 'speaker', '--desc').claims.map((c) => c.id);
    const query = { party: null, source: null, stance: null, verdict: null, attribution: null, date_from: null, date_to: null, text: null, speaker: null, review: null, queue: false, tag: null, sort: 'speaker', descending: true };
    const named = await exec('return window.__TAURI_INTERNALS__.invoke("claim_ids", { query: arguments[0], offset: 3, limit: 40 });', [query]);
    assert.deepEqual(named, bySpeaker.slice(3, 43), 'claim_ids is the window of the sorted list');
    await exec(`const i = document.querySelector("input[aria-label='Filter by speaker']"); i.value = ""; i.dispatchEvent(new Event("input", { bubbles: true }));`);
    await exec(`const s = document.querySelector("select[aria-label='Filter by review state']"); s.value = ""; s.dispatchEvent(new Event("change", { bubbles: true }));`);
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
    // Who is right, said in the Conflicts view: the first party of the decision form.
    await clickButton('Conflicts');
    await until('a conflict', 'return document.querySelectorAll("[aria-label=\'Conflict list\'] button").length > 0;');
    await exec('document.querySelector("[aria-label=\'Conflict list\'] button").click();');
    await until('the decision form', 'return !!document.querySelector("select[aria-label=\'Who is right\']");');
    // The form may still be showing this conflict from the step before while its record reloads,
    // which resets the fields: let the reload land before filling them in.
    await new Promise((r) => setTimeout(r, 1000));
    const winner = await exec(`const s = document.querySelector("select[aria-label='Who is right']");
      const o = [...s.options].find((o) => o.value.startsWith("party:")); s.value = o.value; s.dispatchEvent(new Event("change", { bubbles: true }));
      const i = document.querySelector("input[aria-label='Explanation of the decision']"); i.value = "Satellite imagery published the next day matches this account."; i.dispatchEvent(new Event("input", { bubbles: true }));
      return o.value.slice(6);`);
    const id = await exec('return Number(document.querySelector("section[aria-label^=\'Decision on conflict\']").getAttribute("aria-label").replace("Decision on conflict ", ""));');
    await until('the decision filled in', 'return document.querySelector("select[aria-label=\'Who is right\']").value === "party:" + arguments[0] && document.querySelector("input[aria-label=\'Explanation of the decision\']").value.startsWith("Satellite");', [winner]);
    await clickButton('Save decision');
    await bodyHas(`Conflict ${id}: decision saved.`);
    const h = cliJson('history', '--conflict', String(id)).history;
    assert.ok(h.some((e) => e.change === 'conflict_status' && e.note.includes('Satellite imagery')), `resolved for ${winner}, in the conflict's history: ${JSON.stringify(h)}`);
    // The other side's statement judged false, so the publication report has a verdict to chart.
    const diff = await exec('return window.__TAURI_INTERNALS__.invoke("conflict_diff", { id: arguments[0] });', [id]);
    const loser = (diff.columns.find((c) => c.party !== winner) ?? diff.columns[1]).claims.find((c) => c);
    await exec('return window.__TAURI_INTERNALS__.invoke("set_verdict", { input: { claim_id: arguments[0], verdict: "false", attribution: "confirmed", note: "contradicted by the imagery" } });', [loser.claim_id]);

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
    execFileSync('pdftoppm', ['-png', '-r', '96', '-f', '1', '-l', '1', '-singlefile', saved.pdf, path.join(shots, 'report-pdf-page1')]);
    assert.ok(existsSync(path.join(shots, 'report-pdf-page1.png')), 'page 1 as PNG');
  });

  await step('the conflict list shows each side\'s chip as the core gives it: a speaker no party stands for by name, not by folded key', async () => {
    const listed = cliJson('conflicts').conflicts;
    await clickButton('Conflicts');
    await until('the conflict list', 'return document.querySelectorAll("[aria-label=\'Conflict list\'] button").length === arguments[0];', [listed.length]);
    const shown = await exec('return [...document.querySelectorAll("[aria-label=\'Conflict list\'] button")].map((b) => [...b.querySelectorAll(".party-chip")].map((c) => c.textContent.trim()));');
    const want = listed.map((c) => [...new Map(c.sides.map((s) => [s.party, s.chip])).values()]);
    assert.deepEqual(shown, want, 'the chips are the core\'s, in order');
    const named = listed.flatMap((c) => c.sides).find((s) => s.chip !== s.party);
    assert.ok(named, 'the sample has a side no party stands for');
    assert.ok(shown.flat().includes(named.chip) && !shown.flat().includes(named.party), `shown as ${named.chip}, not ${named.party}`);
  });

  await step('link two claims by hand from the claim panel: contradicts opens a conflict, same statement makes one statement of two sources, unlink undoes it; the CLI agrees', async () => {
    await clickButton('Claims');
    await clickButton('All claims');
    await until('claim rows', 'return document.querySelectorAll(".scroller [role=row] [role=cell]").length > 1;');
    const visible = await exec('return [...document.querySelectorAll(".scroller [role=row]")].map((r) => Number(r.querySelectorAll("[role=cell]")[1]?.textContent)).filter((n) => n > 0);');
    const all = cliJson('claims').claims;
    const byId = new Map(all.map((c) => [c.id, c]));
    const alone = (id) => cliJson('statement', 'show', String(id)).statements[0].claims.length === 1;
    const conflictsOf = (id) => cliJson('conflicts', '--claim', String(id)).conflicts;
    const together = new Map();
    for (const k of cliJson('conflicts').conflicts) {
      for (const m of k.claims) together.set(m.claim_id, new Set([...(together.get(m.claim_id) ?? []), ...k.claims.map((n) => n.claim_id)]));
    }
    // A claim on screen whose party has a claim in another source (each its own statement), and
    // a claim of a state its speaker does not stand for that it shares no conflict with.
    let a, b, x;
    for (const id of visible) {
      const c = byId.get(id);
      if (!c?.speaker.party || !c.speaker.countries.length) continue;
      const partner = all.find((o) => o.speaker.party === c.speaker.party && o.source_id !== c.source_id);
      const other = all.find((o) => o.speaker.countries.length && o.speaker.countries.every((s) => !c.speaker.countries.includes(s)) && !together.get(id)?.has(o.id));
      if (partner && other && alone(id) && alone(partner.id)) {
        [a, b, x] = [id, partner.id, other.id];
        break;
      }
    }
    assert.ok(a, 'the sample holds such claims');
    await exec('[...document.querySelectorAll(".scroller [role=row]")].find((r) => Number(r.querySelectorAll("[role=cell]")[1]?.textContent) === arguments[0]).click();', [a]);
    await until('the claim panel', `return !!document.querySelector("aside[aria-label='Claim ${a}'] section[aria-labelledby^='links-title']");`);
    const pick = async (id) => {
      await exec(`const p = document.querySelector("aside form[aria-label^='Link claim'] input[role=combobox]"); p.focus(); p.value = "#" + arguments[0]; p.dispatchEvent(new Event("input", { bubbles: true }));`, [id]);
      await until(`claim ${id} offered`, 'return [...document.querySelectorAll("aside [role=option]")].some((o) => o.textContent.trim().startsWith("#" + arguments[0] + " "));', [id]);
      await exec('[...document.querySelectorAll("aside [role=option]")].find((o) => o.textContent.trim().startsWith("#" + arguments[0] + " ")).dispatchEvent(new MouseEvent("mousedown", { bubbles: true }));', [id]);
      await until('the claim picked', 'return document.querySelector("aside form[aria-label^=\'Link claim\'] input[role=combobox]").value.startsWith("#" + arguments[0] + " ");', [id]);
    };
    const fill = (label, value) => exec(`const l = [...document.querySelectorAll("aside form label")].find((l) => l.textContent.trim().startsWith(arguments[0]));
      const i = l.querySelector("input"); i.value = arguments[1]; i.dispatchEvent(new Event("input", { bubbles: true }));`, [label, value]);

    // Contradicts: a new conflict of the two claims, built by the analyst.
    await clickButton('Link to…');
    await until('the link form', `return !!document.querySelector("aside form[aria-label='Link claim ${a} to another claim']");`);
    await pick(x);
    await fill('Explanation', 'E2E: opposite accounts of one night');
    await screenshot('e2e-claim-link');
    await clickButton('Link');
    const opened = Number(await until('the conflict opened', 'const m = /Conflict (\\d+) opened: claims/.exec(document.querySelector("aside").innerText); return m && m[1];'));
    const built = conflictsOf(a).find((k) => k.id === opened);
    assert.ok(built, `conflict ${opened} holds claim ${a} for the CLI`);
    assert.deepEqual([built.origin, built.status, built.claims.map((m) => m.claim_id), built.explanation], ['analyst', 'confirmed', [a, x].sort((p, q) => p - q), 'E2E: opposite accounts of one night']);
    const log = cliJson('history', '--conflict', String(opened)).history;
    assert.ok(log.some((e) => e.change === 'conflict_claims' && e.analyst === 'E2E Analyst' && e.old === null && JSON.parse(e.new).explanation === 'E2E: opposite accounts of one night'),
      `the conflict's building is in its history under the analyst's name: ${JSON.stringify(log)}`);
    await clickButton(`Show conflict ${opened}`);
    await until('the conflict open in its view', 'const h = document.querySelector(".diff h2"); return h && h.textContent.includes("E2E: opposite accounts") && !!document.querySelector("[aria-label=\'Aligned statements\']");');
    await screenshot('e2e-claim-link-conflict');

    // Same statement: b, another source's claim of a's party, joins a's statement.
    await clickButton('Claims');
    await until('the claim panel again', `return !!document.querySelector("aside[aria-label='Claim ${a}'] section[aria-labelledby^='links-title']");`);
    await clickButton('Link to…');
    await until('the link form', `return !!document.querySelector("aside form[aria-label='Link claim ${a} to another claim']");`);
    await exec('document.querySelector("aside input[type=radio][value=same]").click();');
    await pick(b);
    await fill('Note for the history', 'E2E: one dispatch, two outlets');
    await clickButton('Link');
    await bodyHas(`Claim ${b} is the same statement as claim ${a}: carried by 2 sources`);
    const joined = cliJson('statement', 'show', String(b)).statements[0];
    assert.deepEqual([joined.id, joined.claims, joined.sources], [a, [a, b].sort((p, q) => p - q), 2], 'one statement of two sources for the CLI');
    const side = cliJson('conflicts', '--claim', String(a)).conflicts.find((k) => k.id === opened).sides.find((s) => s.claim_id === a);
    assert.equal(side.carried_by.length, 2, `the conflict's side is carried by both sources: ${JSON.stringify(side.carried_by)}`);
    const h = cliJson('history', String(b)).history;
    assert.ok(h.some((e) => e.change === 'statement' && e.analyst === 'E2E Analyst' && e.note === 'E2E: one dispatch, two outlets'), `in b's history: ${JSON.stringify(h)}`);
    await until('the statement in the links', 'return document.querySelector("aside ul[aria-label^=\'What claim\']").textContent.includes("carried by 2 sources");');
    await screenshot('e2e-claim-link-statement');
    await clickButton(`Take claim ${a} out of this statement`);
    await bodyHas(`Claim ${a} taken out of the statement`);
    assert.ok(alone(a) && alone(b), 'each stands alone again for the CLI');
  });

  await step('a speaker of Russia clicked in the Parties view opens the Claims view on their claims under every name, in French, English and Russian; the CLI agrees', async () => {
    // The sample quotes Lavrov in French; a Russian and an English dispatch quote him too.
    const dispatches = {
      'tass-lavrov-ru.txt': 'Лавров о переговорах\n\nМОСКВА, 14 октября. /ТАСС/. Министр иностранных дел России Сергей Лавров заявил в среду, что Москва готова принять новый раунд переговоров министров Азербайджана и Армении.\n',
      'reuters-lavrov-en.txt': 'Lavrov on Karabakh talks\n\nMOSCOW, Oct 14 (Reuters) - Russian Foreign Minister Sergei Lavrov said on Wednesday that Moscow was ready to host a new round of talks between the foreign ministers of Azerbaijan and Armenia.\n',
    };
    for (const [name, text] of Object.entries(dispatches)) {
      const file = path.join(path.dirname(store), name);
      writeFileSync(file, text);
      execFileSync(cli, ['--db', store, 'import', file]);
    }
    const lavrov = cliJson('party', 'speakers', 'RU').speakers.find((s) => s.id === 'lavrov');
    assert.ok(lavrov && lavrov.names.some((n) => /[а-я]/.test(n)) && lavrov.names.some((n) => /Lavrov/.test(n)), `Lavrov is one speaker of Russia under his Russian and Latin names: ${JSON.stringify(lavrov)}`);
    const his = cliJson('claims', '--party', 'RU', '--speaker-group', lavrov.id).claims;
    assert.equal(his.length, lavrov.claims, 'the CLI lists as many claims of his as the speaker list counts');
    const language = new Map(cliJson('sources').sources.map((s) => [s.id, s.language]));
    assert.deepEqual([...new Set(his.map((c) => language.get(c.source_id)))].sort(), ['en', 'fr', 'ru'], 'in the three languages');

    await clickButton('Parties');
    await until('the party list', 'return document.querySelectorAll("[aria-label=\'Party list\'] button").length > 0;');
    await exec(`[...document.querySelectorAll("[aria-label='Party list'] button")].find((b) => b.querySelector(".party-chip")?.textContent.trim() === "RU").click();`);
    const names = lavrov.names.join(' · ');
    await until('his names in the speaker list', 'return [...document.querySelectorAll("ul[aria-labelledby=speakers-title] button")].some((b) => b.textContent.replace(/\\s+/g, " ").trim() === arguments[0]);', [names]);
    await exec('[...document.querySelectorAll("ul[aria-labelledby=speakers-title] button")].find((b) => b.textContent.replace(/\\s+/g, " ").trim() === arguments[0]).click();', [names]);
    await bodyHas(`${his.length} matching`);
    const chip = await until('the speaker chip', 'const c = document.querySelector("[role=group][aria-label=\'Speaker filter\']"); return c && c.textContent.replace(/\\s+/g, " ").trim();');
    assert.ok(chip.startsWith('Speaker:') && chip.includes(names), `the chip names him in every language: ${chip}`);
    const rows = await until('his rows', `const rs = [...document.querySelectorAll(".scroller [role=row]")].map((r) => [Number(r.querySelectorAll("[role=cell]")[1]?.textContent), r.querySelector(".text")?.textContent ?? ""]).filter(([id]) => id > 0);
      return rs.length === arguments[0] && rs;`, [his.length]);
    assert.deepEqual(rows.map(([id]) => id), his.map((c) => c.id), 'the app lists the claims the CLI lists, in reading order');
    const texts = rows.map(([, t]) => t);
    assert.ok(texts.some((t) => /[а-я]/.test(t)) && texts.some((t) => /Moscou/.test(t)) && texts.some((t) => /Moscow was ready/.test(t)), `claims in Russian, French and English are shown: ${JSON.stringify(texts)}`);
    await new Promise((r) => setTimeout(r, 300));
    await screenshot('e2e-parties-speaker-claims');
    await clickButton(`Remove the speaker filter: ${names}`);
    await bodyHas(`${cliJson('claims').claims.length.toLocaleString('en')} matching`);
    await clickButton('Parties');
  });
} finally {
  await wd('DELETE', `/session/${sid}`).catch(() => {});
}
if (failed) process.exit(1);
console.log('e2e passed');
