// Builds data/gazetteer/gazetteer.json from the npm package world-countries (ODbL-1.0) plus the
// hand completions in data/gazetteer/hand.json (CC0-1.0), then checks the result and prints counts.
//
// Run: cd tools/gazetteer && npm ci && node build.mjs
// The output is deterministic (parties sorted by key) and exits 1 if a sanity check fails.

import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const dataDir = join(here, '..', '..', 'data', 'gazetteer');
const outPath = join(dataDir, 'gazetteer.json');

const countries = require('world-countries/countries.json');
const wcVersion = require('world-countries/package.json').version;
const hand = JSON.parse(readFileSync(join(dataDir, 'hand.json'), 'utf8'));

const problems = [];
const warnings = [];

// ---------------------------------------------------------------------------------------------
// Text helpers

/** Same folding as `crosscheck::text::fold`: case, accents, curly apostrophes and dashes ignored. */
function fold(s) {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\u2019\u2018\u02BC`\u00B4]/g, "'")
    .replace(/[\u00A0\u202F\u2009]/g, ' ')
    .replace(/[\u2010-\u2013]/g, '-');
}

/** Cleans a world-countries string: straight apostrophes, no stray spaces around hyphens. */
function tidy(s) {
  return s
    .replace(/[\u2019\u2018]/g, "'")
    .replace(/ -/g, '-')
    .replace(/d' /g, "d'")
    .replace(/\s+/g, ' ')
    .trim();
}

const upperFirst = (s) => s.charAt(0).toUpperCase() + s.slice(1);

/** "La République populaire du Bangladesh" → "République populaire du Bangladesh". */
function stripFrenchArticle(s) {
  const m = /^(?:(?:le|la|les) |l')(.+)$/i.exec(s);
  return m ? upperFirst(m[1]) : s;
}

function stripEnglishArticle(s) {
  const m = /^the (.+)$/i.exec(s);
  return m ? m[1] : s;
}

/** True if every letter is Latin script (so the name can be matched in English or French text). */
function isLatin(s) {
  return [...s].every((ch) => !/\p{L}/u.test(ch) || /\p{Script=Latin}/u.test(ch) || /\p{Lm}/u.test(ch));
}

/** Order-preserving de-duplication under `fold`. */
function uniq(list) {
  const seen = new Set();
  const out = [];
  for (const s of list) {
    if (!s) continue;
    const k = fold(s);
    if (!seen.has(k)) {
      seen.add(k);
      out.push(s);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// French adjectives of nationality

/** Feminine singular by rule: -e stays, -en → -enne (-ien, -éen), otherwise add -e (-ais, -ois, -ain, -an…). */
function frFeminine(m) {
  if (m.endsWith('e')) return m;
  if (m.endsWith('en')) return `${m}ne`;
  return `${m}e`;
}

/** Plural by rule: unchanged after -s, -x, -z, otherwise add -s. */
function frPlural(w) {
  return /[sxz]$/.test(w) ? w : `${w}s`;
}

/** A hand entry (string = regular masculine, array = irregular four forms) to its four forms. */
function frForms(entry) {
  if (Array.isArray(entry)) {
    const [ms, fs, mp, fp] = entry;
    return { ms, fs, mp, fp };
  }
  const ms = entry;
  const fs = frFeminine(ms);
  return { ms, fs, mp: frPlural(ms), fp: frPlural(fs) };
}

// ---------------------------------------------------------------------------------------------
// States

const extra = new Set(hand.extra_states);
const selected = countries
  .filter((c) => c.unMember || extra.has(c.cca2))
  .sort((a, b) => (a.cca2 < b.cca2 ? -1 : a.cca2 > b.cca2 ? 1 : 0));
const selectedCodes = new Set(selected.map((c) => c.cca2));
for (const code of Object.keys(hand.states)) {
  if (!selectedCodes.has(code)) problems.push(`hand.json names state ${code}, which is not selected`);
}

const codeAliases = new Set(hand.code_aliases);
const VOWEL = /^[AEIOUÀÂÉÈÊËÎÏÔÖÛÜ]/;

/** "de Russie", "du Canada", "des États-Unis", "d'Azerbaïdjan" (all plausible forms, best first). */
function frOf(nameFr, gender) {
  if (gender === 'pl') return [`des ${nameFr}`];
  if (VOWEL.test(nameFr)) return [`d'${nameFr}`];
  if (gender === '0') return [`de ${nameFr}`];
  const feminine = gender ? gender === 'f' : nameFr.endsWith('e');
  return feminine ? [`de ${nameFr}`, `de la ${nameFr}`] : [`du ${nameFr}`];
}

/** Russian adjective forms from the masculine singular: { ms, fs, ns, pl } ("российский" → "российская"…). */
function ruForms(ms) {
  const stem = ms.slice(0, -2);
  const soft = /[кгхжшщч]$/.test(stem) || ms.endsWith('ий');
  return { ms, fs: `${stem}ая`, ns: `${stem}ое`, pl: `${stem}${soft ? 'ие' : 'ые'}` };
}

/** The genitive of a one-word Russian state name ("Россия" → "России", "Азербайджан" → "Азербайджана"),
 * by the regular declensions; `null` where the rule cannot tell (several words, an indeclinable name). */
const RU_FEMININE_SOFT = new Set(['Беларусь']);
const RU_INDECLINABLE = /[оеиуэю]$/;
function ruGenitive(name) {
  if (/\s/.test(name) || RU_INDECLINABLE.test(name) || /^[А-ЯЁ]+$/.test(name)) return null;
  if (name.endsWith('ия')) return `${name.slice(0, -1)}и`;
  if (name.endsWith('а')) return `${name.slice(0, -1)}${/[кгхжшщч]а$/.test(name) ? 'и' : 'ы'}`;
  if (name.endsWith('я')) return `${name.slice(0, -1)}и`;
  if (name.endsWith('ь')) return `${name.slice(0, -1)}${RU_FEMININE_SOFT.has(name) ? 'и' : 'я'}`;
  if (name.endsWith('й')) return `${name.slice(0, -1)}я`;
  return `${name}а`;
}

function buildState(c) {
  const code = c.cca2;
  const h = hand.states[code] ?? {};
  const drop = new Set((h.drop ?? []).map(fold));
  const keep = (s) => !drop.has(fold(s));
  const wcFr = c.translations.fra;
  const wcRu = c.translations.rus;
  const hr = hand.ru.states[code] ?? {};

  const name = {
    en: h.name?.en ?? c.name.common,
    fr: h.name?.fr ?? stripFrenchArticle(tidy(wcFr.common)),
    ...(wcRu ? { ru: tidy(wcRu.common) } : {}),
  };
  const wcCapitals = c.capital.map(tidy);
  const capital = {
    en: h.capital?.en ?? wcCapitals[0],
    fr: h.capital?.fr ?? wcCapitals[0],
    ...(hr.capital ? { ru: hr.capital } : {}),
  };

  // Demonyms.
  const enDemonyms = uniq([
    ...[c.demonyms.eng.m, c.demonyms.eng.f].flatMap((d) => d.split(/, | or /)),
    ...(h.en_demonyms ?? []),
  ]);
  const enAdjectives = h.en_adjectives ?? enDemonyms;
  const frEntries = h.fr_demonyms ?? [c.demonyms.fra.m.toLowerCase()];
  if (!h.fr_demonyms) {
    const wcFem = c.demonyms.fra.f.toLowerCase();
    if (frForms(frEntries[0]).fs !== wcFem) {
      warnings.push(`${code}: rule gives feminine "${frForms(frEntries[0]).fs}", world-countries "${wcFem}"`);
    }
  }
  const frAdjectives = frEntries.map(frForms);
  const frDemonyms = uniq(frAdjectives.flatMap((f) => [f.ms, f.fs, f.mp, f.fp]));

  // Aliases: display name, hand additions, then world-countries names, then the capital (metonymy).
  const demonymFolds = new Set([...enDemonyms, ...frDemonyms].map(fold));
  const altSpellings = c.altSpellings
    .map(tidy)
    .filter((s) => {
      if (/^[A-Z.]{2,5}$/.test(s)) return codeAliases.has(s);
      return !/[,(]/.test(s) && isLatin(s) && !demonymFolds.has(fold(s));
    })
    .map(stripEnglishArticle);
  const capitalAliases = (cap) => [stripFrenchArticle(cap)];
  const en = uniq([
    name.en,
    ...(h.aliases?.en ?? []),
    ...[c.name.common, c.name.official, ...altSpellings].map(tidy).filter(keep),
    capital.en,
  ]);
  const fr = uniq([
    name.fr,
    ...(h.aliases?.fr ?? []),
    ...[wcFr.common, wcFr.official].map((s) => stripFrenchArticle(tidy(s))).filter(keep),
    ...capitalAliases(capital.fr),
  ]);
  // Russian: world-countries' names, the hand aliases and the capital. One form each: the extractor
  // matches Russian names by stem, whatever case the text declines them in.
  const ru = wcRu ? uniq([name.ru, ...(hr.aliases ?? []), tidy(wcRu.official), ...(hr.capital ? [hr.capital] : [])]) : [];
  const ruAdjectives = hr.demonym ? [ruForms(hr.demonym)] : [];
  // The state's own capital in the other language's list too, where it is spelled the same.
  if (fold(capital.en) === fold(capital.fr) && !fr.some((a) => fold(a) === fold(capital.en))) fr.push(capital.en);

  const state = {
    key: code,
    kind: 'state',
    country: code,
    parent: null,
    name,
    aliases: { en, fr, ...(ru.length ? { ru } : {}) },
    demonyms: { en: enDemonyms, fr: frDemonyms, ...(ruAdjectives.length ? { ru: uniq(ruAdjectives.flatMap((a) => [a.ms, a.fs, a.ns, a.pl])) } : {}) },
    capital,
  };
  const forms = {
    nameEn: name.en,
    enOf: h.en_of ?? name.en,
    frOf: h.fr_of ?? frOf(name.fr, h.fr_gender),
    enAdjectives,
    frAdjectives,
    ruOf: name.ru ? [ruGenitive(name.ru), ...(hr.aliases ?? []).map(ruGenitive)].filter(Boolean) : [],
    ruAdjectives,
  };
  return { state, forms };
}

// ---------------------------------------------------------------------------------------------
// Institutions of each state

const INSTITUTIONS = {
  mfa(f) {
    return {
      name: { en: `Ministry of Foreign Affairs of ${f.enOf}`, fr: `Ministère des Affaires étrangères ${f.frOf[0]}` },
      en: [
        `Ministry of Foreign Affairs of ${f.enOf}`,
        `foreign ministry of ${f.enOf}`,
        `${f.nameEn} foreign ministry`,
        ...f.enAdjectives.flatMap((a) => [`${a} foreign ministry`, `${a} Ministry of Foreign Affairs`]),
      ],
      fr: [
        ...f.frAdjectives.map((a) => `ministère ${a.ms} des Affaires étrangères`),
        ...f.frOf.map((o) => `ministère des Affaires étrangères ${o}`),
        ...f.frAdjectives.map((a) => `diplomatie ${a.fs}`),
      ],
      ru: [
        ...f.ruOf.flatMap((o) => [`МИД ${o}`, `Министерство иностранных дел ${o}`]),
        ...f.ruAdjectives.flatMap((a) => [`${a.ms} МИД`, `${a.ns} внешнеполитическое ведомство`]),
      ],
    };
  },
  mod(f) {
    return {
      name: { en: `Ministry of Defence of ${f.enOf}`, fr: `Ministère de la Défense ${f.frOf[0]}` },
      en: [
        `Ministry of Defence of ${f.enOf}`,
        `Ministry of Defense of ${f.enOf}`,
        `${f.nameEn} defence ministry`,
        `${f.nameEn} defense ministry`,
        ...f.enAdjectives.flatMap((a) => [
          `${a} defence ministry`,
          `${a} defense ministry`,
          `${a} Ministry of Defence`,
          `${a} Ministry of Defense`,
        ]),
      ],
      fr: [
        ...f.frAdjectives.map((a) => `ministère ${a.ms} de la Défense`),
        ...f.frOf.map((o) => `ministère de la Défense ${o}`),
      ],
      ru: [...f.ruOf.flatMap((o) => [`Минобороны ${o}`, `Министерство обороны ${o}`]), ...f.ruAdjectives.map((a) => `${a.ns} военное ведомство`)],
    };
  },
  presidency(f) {
    return {
      name: { en: `Presidency of ${f.enOf}`, fr: `Présidence ${f.frAdjectives[0].fs}` },
      en: [
        `office of the President of ${f.enOf}`,
        ...f.enAdjectives.flatMap((a) => [`${a} presidency`, `${a} presidential office`]),
      ],
      fr: f.frAdjectives.map((a) => `présidence ${a.fs}`),
      ru: [...f.ruOf.map((o) => `администрация президента ${o}`), ...f.ruOf.map((o) => `офис президента ${o}`)],
    };
  },
  army(f) {
    return {
      name: { en: `Armed Forces of ${f.enOf}`, fr: `Forces armées ${f.frAdjectives[0].fp}` },
      en: [
        `armed forces of ${f.enOf}`,
        ...f.enAdjectives.flatMap((a) => [`${a} army`, `${a} armed forces`, `${a} military`, `${a} forces`]),
      ],
      fr: f.frAdjectives.flatMap((a) => [`armée ${a.fs}`, `forces armées ${a.fp}`, `forces ${a.fp}`]),
      ru: [
        ...f.ruOf.flatMap((o) => [`Вооруженные силы ${o}`, `ВС ${o}`, `армия ${o}`, `Генштаб ${o}`]),
        ...f.ruAdjectives.flatMap((a) => [`${a.fs} армия`, `${a.pl} военные`, `${a.pl} войска`, `${a.pl} вооруженные силы`]),
      ],
    };
  },
  government(f) {
    return {
      name: { en: `Government of ${f.enOf}`, fr: `Gouvernement ${f.frAdjectives[0].ms}` },
      en: [
        `government of ${f.enOf}`,
        `${f.nameEn} government`,
        ...f.enAdjectives.flatMap((a) => [`${a} government`, `${a} authorities`]),
      ],
      fr: [
        ...f.frAdjectives.map((a) => `gouvernement ${a.ms}`),
        ...f.frOf.map((o) => `gouvernement ${o}`),
        ...f.frAdjectives.flatMap((a) => [`autorités ${a.fp}`, `exécutif ${a.ms}`]),
      ],
      ru: [
        ...f.ruOf.flatMap((o) => [`правительство ${o}`, `власти ${o}`]),
        ...f.ruAdjectives.flatMap((a) => [`${a.ns} правительство`, `${a.pl} власти`]),
      ],
    };
  },
};

function buildInstitution(code, kind, forms) {
  const key = `${code}.${kind}`;
  const g = INSTITUTIONS[kind](forms);
  const h = hand.institutions[key] ?? {};
  const name = { en: h.name?.en ?? g.name.en, fr: h.name?.fr ?? upperFirst(g.name.fr) };
  return {
    key,
    kind: 'organisation',
    country: code,
    parent: code,
    name,
    aliases: {
      en: uniq([name.en, ...(h.aliases?.en ?? []), ...g.en]),
      fr: uniq([name.fr, ...(h.aliases?.fr ?? []), ...g.fr]),
      ...(g.ru.length || h.aliases?.ru ? { ru: uniq([...(h.aliases?.ru ?? []), ...g.ru]) } : {}),
    },
    demonyms: {},
    capital: {},
  };
}

// ---------------------------------------------------------------------------------------------
// Assemble

const parties = [];
for (const c of selected) {
  const { state, forms } = buildState(c);
  parties.push(state);
  for (const kind of Object.keys(INSTITUTIONS)) parties.push(buildInstitution(c.cca2, kind, forms));
}
for (const key of Object.keys(hand.institutions)) {
  if (!parties.some((p) => p.key === key)) problems.push(`hand.json completes ${key}, which is not generated`);
}
for (const o of hand.organisations) {
  parties.push({
    key: o.key,
    kind: 'organisation',
    // State news agencies relay for their state (guidelines: relays); other organisations have none.
    country: o.country ?? null,
    parent: o.parent ?? null,
    name: o.name,
    aliases: { en: uniq([o.name.en, ...o.aliases.en]), fr: uniq([o.name.fr, ...o.aliases.fr]), ...(o.aliases.ru ? { ru: o.aliases.ru } : {}) },
    demonyms: {},
    capital: {},
  });
}
parties.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

const file = {
  source:
    `world-countries ${wcVersion} (npm, ODbL-1.0, https://github.com/mledoze/countries) + ` +
    `hand.json (hand-written by the Crosscheck developers, CC0-1.0)`,
  licence: 'ODbL-1.0 (world-countries); CC0-1.0 (hand.json)',
  parties,
};

// ---------------------------------------------------------------------------------------------
// Serialize: objects and arrays of plain values on one line, everything else indented by one space.

function serialize(value, indent = '') {
  const flat = (v) => v === null || typeof v !== 'object';
  if (flat(value)) return JSON.stringify(value);
  const inner = indent + ' ';
  if (Array.isArray(value)) {
    if (value.every(flat)) return `[${value.map((v) => JSON.stringify(v)).join(', ')}]`;
    return `[\n${value.map((v) => inner + serialize(v, inner)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return '{}';
  if (entries.every(([, v]) => flat(v))) {
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(', ')}}`;
  }
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${serialize(v, inner)}`).join(',\n')}\n${indent}}`;
}
const text = `${serialize(file)}\n`;

// ---------------------------------------------------------------------------------------------
// Sanity checks

const byKey = new Map(parties.map((p) => [p.key, p]));
const states = parties.filter((p) => p.kind === 'state');
const unMembers = selected.filter((c) => c.unMember).length;
if (unMembers < 193) problems.push(`only ${unMembers} UN member states`);
if (byKey.size !== parties.length) problems.push('duplicate keys');

const ARTICLE = /^(?:(?:le|la|les|the) |l')/i;
const ARTICLE_OK = new Set(['la paz']);
for (const p of parties) {
  if (p.parent !== null && !byKey.has(p.parent)) problems.push(`${p.key}: unknown parent ${p.parent}`);
  if (!p.name.en || !p.name.fr) problems.push(`${p.key}: missing name`);
  for (const [lang, list] of Object.entries(p.aliases)) {
    const folds = list.map(fold);
    const dup = folds.filter((f, i) => folds.indexOf(f) !== i);
    if (dup.length) problems.push(`${p.key}: alias duplicated in ${lang}: ${dup.join(', ')}`);
    for (const a of list) {
      if (ARTICLE.test(a) && !ARTICLE_OK.has(fold(a))) problems.push(`${p.key}: alias with an article: ${a}`);
    }
  }
}
for (const s of states) {
  if (!s.capital.en || !s.capital.fr) problems.push(`${s.key}: missing capital`);
  if (!s.demonyms.en.length || !s.demonyms.fr.length) problems.push(`${s.key}: missing demonyms`);
}

const hasAlias = (key, lang, alias) => byKey.get(key)?.aliases[lang]?.includes(alias);
const hasDemonym = (key, d) => byKey.get(key)?.demonyms.fr?.includes(d);
for (const [key, alias] of [['AZ', 'Bakou'], ['AM', 'Erevan'], ['RU', 'Moscou']]) {
  if (!hasAlias(key, 'fr', alias)) problems.push(`${key} lacks the French alias ${alias}`);
}
const kremlin = parties.filter((p) => Object.values(p.aliases).flat().some((a) => fold(a) === 'kremlin'));
if (kremlin.length === 0 || kremlin.some((p) => p.country !== 'RU')) {
  problems.push(`"Kremlin" resolves to ${kremlin.map((p) => p.key).join(', ') || 'nothing'}, not only RU`);
}
for (const [key, d] of [['RU', 'russe'], ['AZ', 'azérie'], ['AM', 'arménien'], ['AM', 'arménienne']]) {
  if (!hasDemonym(key, d)) problems.push(`${key} lacks the French demonym ${d}`);
}
for (const [key, alias] of [['RU', 'Россия'], ['AZ', 'Баку'], ['RU.mfa', 'МИД России'], ['BY.mod', 'Минобороны Белоруссии'], ['RU.presidency', 'Кремль']]) {
  if (!hasAlias(key, 'ru', alias)) problems.push(`${key} lacks the Russian alias ${alias}`);
}
const bytes = Buffer.byteLength(text);
if (bytes > 2_500_000) problems.push(`output is ${bytes} bytes`);

// Names shared by several parties of different states (ambiguous by nature, e.g. "Congolese army").
const owners = new Map();
for (const p of parties) {
  for (const a of new Set(Object.values(p.aliases).flat().map(fold))) {
    if (!owners.has(a)) owners.set(a, new Set());
    owners.get(a).add(p.country ?? p.key);
  }
}
const shared = [...owners].filter(([, o]) => o.size > 1);

// Aliases that fold to an everyday English or French word: the extractor must not match them blindly.
const EVERYDAY = new Set(['us', 'un', 'eu', 'who', 'male', 'sucre', 'roseau', 'grenade', 'victoria', 'amnesty', 'chad', 'turkey', 'jordan', 'maurice', 'dominique', 'niger', 'chili', 'pla']);
const homographs = [...owners.keys()].filter((a) => EVERYDAY.has(a));

// ---------------------------------------------------------------------------------------------
// Report

for (const w of warnings) console.warn(`warning: ${w}`);
if (problems.length) {
  for (const p of problems) console.error(`error: ${p}`);
  console.error(`${problems.length} problem(s); ${outPath} not written`);
  process.exit(1);
}
writeFileSync(outPath, text);

const count = (pred) => parties.filter(pred).length;
const aliasCount = parties.reduce((n, p) => n + Object.values(p.aliases).flat().length, 0);
const demonymCount = parties.reduce((n, p) => n + Object.values(p.demonyms).flat().length, 0);
console.log(`wrote ${outPath} (${bytes} bytes) from world-countries ${wcVersion}`);
console.log(`states:        ${states.length} (${unMembers} UN members)`);
console.log(`institutions:  ${count((p) => p.kind === 'organisation' && p.country !== null)}`);
console.log(`organisations: ${count((p) => p.kind === 'organisation' && p.country === null)}`);
console.log(`parties:       ${parties.length}`);
console.log(`aliases:       ${aliasCount} (${owners.size} distinct folded; ${shared.length} shared by several states)`);
console.log(`demonyms:      ${demonymCount}`);
console.log(`homographs of everyday words: ${homographs.sort().join(', ')}`);
