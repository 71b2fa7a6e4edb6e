#!/usr/bin/env python3
"""Metamorphic test of the event analyser on the real development set.

Reads ../shared/corpus/events/real-dev.jsonl (pages nobody here wrote; exits
0 with a message when it is absent) and makes variants of every record in
memory, each with its labels transformed the same way:

  rename   every labelled organisation (company, investors, leads, acquirer,
           target, organization) replaced everywhere in the text by an
           invented name of a varied shape: one word, two words, a name with
           an AI/Labs/Technologies/Inc. suffix, camel case, a lower-case
           initial, a digit (deterministic from --seed)
  amounts  every labelled figure (amount, its dollar conversion, valuation,
           price) multiplied by 3, keeping how it is written ("$40 million"
           -> "$120 million", "EUR1.2bn" -> "EUR3.6bn", "$500 million" ->
           "$1.5 billion")
  halves   the same, divided by 2 ("$7 million" -> "$3.5 million")
  date     published a year later, and the text's years near it too
  chrome   a block of menu-like lines (our own words) before the text
  tail     links to other stories (our own invented headlines) and a
           footer after the text
  all      rename, amounts, date, chrome and tail at once

Each variant set is written as a gold file to a temporary folder (removed at
the end) and scored by shared/eval/events_score.py, the scorer used
everywhere; the table gives, for each transform, the events F1, funding F1,
acquisition F1 and the investors' set-F1, and the change from the
unperturbed set. The last lines are machine-readable:

  perturb TRANSFORM all F1 funding F1 acquisition F1 investors F1

usage: tests/events/perturb.py [--mtrack build/mtrack] [--shared DIR]
         [--seed N] [--only rename,amounts,...] [--shapes] [--verbose]
         [--show ID:TRANSFORM] [--no-base]
--shapes adds one rename variant per name shape (rename-one, rename-two,
rename-suffix, rename-camel, rename-lower, rename-digit); --verbose prints
the scorer's misses and extras that the unperturbed set does not have;
--show prints one record's variant text and labels (to stdout only).
"""
import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import unicodedata

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# ---- invented names -------------------------------------------------------

# Syllables and words of our own for the invented names.
HEADS = ['vel', 'tar', 'quil', 'mor', 'zen', 'cal', 'bri', 'dov', 'fen', 'gal', 'hel',
         'jor', 'kes', 'lum', 'nar', 'pol', 'ras', 'sol', 'tev', 'ux', 'var', 'wyn',
         'yor', 'zal', 'cor', 'dra', 'el', 'fyr', 'gor', 'isk', 'ker', 'lys', 'mav']
TAILS = ['qor', 'nis', 'let', 'ava', 'ix', 'dra', 'mon', 'eth', 'ora', 'yx', 'und',
         'ari', 'ost', 'ene', 'iko', 'ul', 'ath', 'ero', 'isa', 'ond', 'ev', 'ium']
ADJS = ['Brisk', 'Silver', 'Quiet', 'Amber', 'Northern', 'Bright', 'Copper', 'Hollow',
        'Lantern', 'Granite', 'Willow', 'Crimson', 'Steady', 'Open', 'Blue', 'Iron']
NOUNS = ['Harbor', 'Fern', 'Ridge', 'Meadow', 'Signal', 'Forge', 'Circuit', 'Summit',
         'Kettle', 'Orchard', 'Beacon', 'Pillar', 'Current', 'Field', 'Anchor', 'Works']
CAMEL = ['Neuro', 'Volt', 'Flux', 'Tensor', 'Data', 'Deep', 'Core', 'Grid', 'Photon',
         'Silico', 'Quanta', 'Cloud', 'Edge', 'Mesh', 'Pixel', 'Ion']
SUFFIXES = ['AI', 'Labs', 'Technologies', 'Inc.']
SHAPES = ['one', 'two', 'suffix', 'camel', 'lower', 'digit']


def word(rng):
    w = rng.choice(HEADS) + rng.choice(TAILS)
    return w[0].upper() + w[1:]


def invent(rng, shape):
    """An invented organisation name of SHAPE."""
    if shape == 'one':
        return word(rng)
    if shape == 'two':
        return rng.choice(ADJS) + ' ' + rng.choice(NOUNS)
    if shape == 'suffix':
        return word(rng) + ' ' + rng.choice(SUFFIXES)
    if shape == 'camel':
        a = rng.choice(CAMEL)
        b = rng.choice([c for c in CAMEL if c != a])
        return a + b
    if shape == 'lower':
        return rng.choice('xeiq') + word(rng)
    return word(rng) + str(rng.randint(2, 99))


def fold(name):
    """The scorer's folding, closely enough to keep invented names apart."""
    skip = {'inc', 'ai', 'labs', 'technologies', 'the', 'ltd', 'corp', 'group'}
    words = re.findall(r'[a-z0-9]+', name.lower())
    return [w for w in words if w not in skip] or words


LABEL_NAMES = ('company', 'acquirer', 'target', 'organization')
LABEL_LISTS = ('investors', 'lead_investors')


def names_of(rec):
    out = []
    for e in rec['events']:
        for k in LABEL_NAMES:
            if e.get(k) and e[k] not in out:
                out.append(e[k])
        for k in LABEL_LISTS:
            for n in e.get(k) or []:
                if n and n not in out:
                    out.append(n)
    return out


def plain(text):
    """TEXT with accents dropped, letter for letter (the same length), so that
    'Telefonica' finds 'Telef\u00f3nica'."""
    out = []
    for c in text:
        d = unicodedata.normalize('NFD', c)[0]
        out.append(d if d.isascii() and d.isalpha() else c)
    return ''.join(out)


def name_re(name):
    return re.compile(r'(?<![A-Za-z0-9])' + re.escape(plain(name)) + r'(?![A-Za-z0-9])', re.I)


def accept(found, name):
    """A case-insensitive hit is the name when written as the name is, in
    capitals, or capitalised (never a lower-case common word)."""
    return plain(found) == plain(name) or found.isupper() or found[:1].isupper()


def acronym(new):
    caps = ''.join(c for c in new if c.isupper())
    return caps if len(caps) >= 2 else new[:3].upper()


def replace_names(text, subs):
    """TEXT with each (old, new, mid_only) of SUBS replaced, longest first,
    through placeholders so that a name inside another is not replaced twice;
    mid_only: only where a lower-case word comes just before (a common word
    that is also a short name: 'to buy Chips')."""
    holders = {}
    for i, (old, new, mid_only) in enumerate(sorted(subs, key=lambda s: -len(s[0]))):
        key = '\x01%d\x02' % i
        pat = name_re(old)
        flat = plain(text)
        out, last = [], 0
        for m in pat.finditer(flat):
            found = text[m.start():m.end()]
            if not accept(found, old):
                continue
            if mid_only and not re.search(r'[a-z] $', text[max(0, m.start() - 2):m.start()]):
                continue
            out.append(text[last:m.start()])
            out.append(key)
            last = m.end()
        if out:
            text = ''.join(out) + text[last:]
            holders[key] = new
    for key, new in holders.items():
        text = text.replace(key, new)
    return text


# Capitalised first words that are no short name for a company of several
# words ('United', 'National'): the harness keeps them.
GENERIC = {'the', 'united', 'national', 'american', 'chinese', 'european', 'global',
           'international', 'first', 'general', 'new', 'royal', 'bank', 'saudi', 'south',
           'north', 'korea', 'japan', 'india', 'china', 'abu', 'hong', 'department'}


def rename(rec, rng, shape=None):
    text = rec['text']
    flat = plain(text)
    names = names_of(rec)
    taken = set(re.findall(r'[a-z0-9]+', flat.lower()))
    firsts = set()
    mapping = {}      # a labelled name -> its new name
    subs = []         # (in the text, new, mid_only)

    def fresh():
        for _ in range(200):
            new = invent(rng, shape or rng.choice(SHAPES))
            f = fold(new)
            if f[0] not in firsts and not (set(f) & taken):
                break
        firsts.add(f[0])
        return new

    # Shortest first: a name that starts with a name already renamed keeps
    # that part ('Cisco' and 'Cisco Systems Inc': 'Eldra', 'Eldra Systems Inc').
    for n in sorted(names, key=len):
        m = re.match(r'^(.*\S)\s*\(([^()]+)\)$', n)
        parts = [m.group(1), m.group(2)] if m else [n]
        if not any(name_re(x).search(flat) for x in parts):
            continue
        base = next((o for o in sorted(mapping, key=len, reverse=True)
                     if plain(parts[0]).lower().startswith(plain(o).lower() + ' ')), None)
        new = mapping[base] + parts[0][len(base):] if base else fresh()
        mapping[n] = new if not m else '%s (%s)' % (new, acronym(new))
        subs.append((parts[0], new, False))
        if m:
            subs.append((parts[1], acronym(new), False))
    # Short forms: a name of several words is often named again by its
    # first word alone ('Brisk Harbor ... Brisk said'); that word becomes the
    # new name's first word; where the text also uses it in lower case, only
    # after a lower-case word.
    olds = [s[0] for s in subs]
    for old, new, _ in list(subs):
        words = old.split()
        w = words[0]
        if len(words) < 2 or len(w) < 3 or not w.isalpha() or not w[0].isupper() or \
                w.lower() in GENERIC or w.lower() in SUFFIX_WORDS:
            continue
        if any(o != old and o.split()[0] == w for o in olds):
            continue
        lower = re.search(r'(?<![A-Za-z])' + re.escape(plain(w).lower()) + r'(?![A-Za-z])', flat)
        subs.append((w, new.split()[0] if ' ' in new else new, bool(lower)))
    text = replace_names(text, subs)
    events = json.loads(json.dumps(rec['events']))
    for e in events:
        for k in LABEL_NAMES:
            if e.get(k) in mapping:
                e[k] = mapping[e[k]]
        for k in LABEL_LISTS:
            if e.get(k):
                e[k] = [mapping.get(n, n) for n in e[k]]
    return dict(rec, text=text, events=events)


SUFFIX_WORDS = {'inc', 'ltd', 'corp', 'group', 'holdings', 'capital', 'ventures', 'partners'}


# ---- amounts --------------------------------------------------------------

SCALE = {'thousand': 1e3, 'k': 1e3, 'lakh': 1e5, 'lakhs': 1e5, 'million': 1e6, 'mn': 1e6,
         'm': 1e6, 'mln': 1e6, 'crore': 1e7, 'crores': 1e7, 'billion': 1e9, 'bn': 1e9,
         'b': 1e9, 'bln': 1e9, 'trillion': 1e12, 'tn': 1e12}
UP = {'million': 'billion', 'mn': 'bn', 'm': 'bn', 'mln': 'bn', 'billion': 'trillion',
      'bn': 'tn', 'bln': 'tln', 'b': 't'}
DOWN = {v: k for k, v in UP.items() if k != 'mln'}
DOWN['bn'] = 'mn'
# a number (1,234.5 or the comma decimal 14,3), a joiner, a scale word
AMOUNT = re.compile(r'(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+)|,(\d{1,2})(?![\d]))?'
                    r'(\s?-?\s?)(thousand|lakhs?|million|mln|mn|crores?|billion|bln|bn|trillion|tn|[kmb])'
                    r'(?![a-z])', re.I)

# a figure written out in full: 50,000,000
PLAIN = re.compile(r'(?<![\d.,])\d{1,3}(?:,\d{3}){2,}(?![\d,]|\.\d)')


def parse_amount(m):
    """(number, scale word, decimal mark, grouped in thousands) of a hit."""
    whole, dot, comma = m.group(1), m.group(2), m.group(3)
    frac = dot or comma or ''
    v = float(whole.replace(',', '') + ('.' + frac if frac else ''))
    return v, m.group(5), (',' if comma else '.'), ',' in whole


def fmt_number(v, dec, grouped):
    s = ('%.3f' % v).rstrip('0').rstrip('.')
    ip, _, fp = s.partition('.')
    if grouped or len(ip) > 4:
        ip = '{:,}'.format(int(ip))
    return ip + (dec + fp if fp else '')


def recase(word, like):
    if like.isupper() and len(like) > 1:
        return word.upper()
    if like[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def scale_text(text, values, factor):
    """TEXT with every amount worth one of VALUES multiplied by FACTOR; the
    values found."""
    found = set()

    def sub(m):
        num, unit, dec, grouped = parse_amount(m)
        v = num * SCALE[unit.lower()]
        hit = [x for x in values if abs(v - x) <= 0.001 * x]
        if not hit:
            return m.group(0)
        found.update(hit)
        n = num * factor
        u = unit
        if n >= 1000 and unit.lower() in UP:
            n, u = n / 1000, recase(UP[unit.lower()], unit)
        elif n < 1 and unit.lower() in DOWN:
            n, u = n * 1000, recase(DOWN[unit.lower()], unit)
        return fmt_number(n, dec, grouped) + m.group(4) + u

    def sub_plain(m):
        v = float(m.group(0).replace(',', ''))
        hit = [x for x in values if abs(v - x) <= 0.001 * x]
        if not hit:
            return m.group(0)
        found.update(hit)
        return '{:,}'.format(int(round(v * factor)))

    text = AMOUNT.sub(sub, text)
    return PLAIN.sub(sub_plain, text), found


FIGURES = ('amount_native', 'amount_usd', 'valuation_usd', 'price_usd')


def amounts(rec, factor):
    values = set()
    for e in rec['events']:
        for k in FIGURES:
            if isinstance(e.get(k), (int, float)) and e[k] > 0:
                values.add(float(e[k]))
    text, found = scale_text(rec['text'], values, factor)
    events = json.loads(json.dumps(rec['events']))
    for e in events:
        for k in FIGURES:
            if isinstance(e.get(k), (int, float)) and float(e[k]) in found:
                e[k] = e[k] * factor
        if isinstance(e.get('amount'), str):
            e['amount'] = scale_text(e['amount'], found, factor)[0]
    return dict(rec, text=text, events=events)


# ---- the date -------------------------------------------------------------

def shift_date(rec, years=1):
    pub = rec.get('published')
    if not pub:
        return rec
    y = int(pub[:4])
    md = pub[4:]
    if md == '-02-29':
        md = '-02-28'

    def sub(m):
        v = int(m.group(0))
        return str(v + years) if y - 6 <= v <= y + 4 else m.group(0)

    text = re.sub(r'(?<![\w$.,/])(?:19|20)\d\d(?![\w%]|[.,]\d)', sub, rec['text'])
    return dict(rec, text=text, published='%d%s' % (y + years, md))


# ---- chrome ---------------------------------------------------------------

CHROME = [
    ['Skip to main content', 'Menu', 'Home | Markets | Deals | Startups | Opinion | Podcasts',
     'Sign in   Subscribe', 'Search'],
    ['MARKET PULSE', 'Latest  Funding  Chips  Cloud  Policy', 'Newsletter sign-up',
     'Trending: Data Centres, Robotics, Batteries', 'Advertisement'],
    ['Top Stories', 'Deal Flow Weekly', 'Log in | Register', 'Share this article',
     'Follow us', 'Listen to this story'],
]


def chrome(rec, rng):
    lines = rng.choice(CHROME)
    return dict(rec, text='\n'.join(lines) + '\n\n' + rec['text'])


# Links to other stories and a footer after the text (our own invented
# headlines: none is this page's news, so the labels do not change).
TAIL = [
    ['Related stories', 'Brisk Harbor raises $12 million for warehouse robots',
     'Quillet to buy Amber Forge in $300 million deal', 'Share this article',
     '\u00a9 2026 Market Pulse. All rights reserved.'],
    ['Read more', 'Velqor lands $40M Series B to build inference chips',
     'Shares of Tarnis Labs jump 12% on earnings', 'Newsletter', 'Privacy policy | Terms | Contact'],
    ['More from Deal Flow Weekly', 'NeuroVolt closes $25 million seed round',
     'Silver Fern acquires Copper Ridge for $1.1 billion', 'Follow us on social media'],
]


def tail(rec, rng):
    lines = rng.choice(TAIL)
    return dict(rec, text=rec['text'].rstrip() + '\n\n' + '\n'.join(lines) + '\n')


# ---- variants and scoring ---------------------------------------------------

def variant(name, recs, seed):
    out = []
    for r in recs:
        rng = random.Random('%s:%s:%s' % (seed, name, r['id']))
        if name == 'base':
            v = r
        elif name == 'rename':
            v = rename(r, rng)
        elif name.startswith('rename-'):
            v = rename(r, rng, name[7:])
        elif name == 'amounts':
            v = amounts(r, 3)
        elif name == 'halves':
            v = amounts(r, 0.5)
        elif name == 'date':
            v = shift_date(r)
        elif name == 'chrome':
            v = chrome(r, rng)
        elif name == 'tail':
            v = tail(r, rng)
        elif name == 'all':
            v = tail(chrome(shift_date(amounts(rename(r, rng), 3)), rng), rng)
        else:
            raise ValueError(name)
        out.append(v)
    return out


def score(recs, tmp, name, mtrack, scorer, verbose):
    gold = os.path.join(tmp, name + '.jsonl')
    with open(gold, 'w', encoding='utf-8') as f:
        for r in recs:
            f.write(json.dumps(r, ensure_ascii=False) + '\n')
    argv = [sys.executable, scorer, '--gold', gold,
            '--cmd', "'%s' analyze --json --date {date} {}" % mtrack.replace("'", "'\\''")]
    if verbose:
        argv.append('--verbose')
    out = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                         timeout=900).stdout.decode('utf-8', 'replace')
    os.unlink(gold)
    res = {'lines': out.splitlines()}
    for line in res['lines']:
        m = re.match(r'^(funding|acquisition|stock_move|infrastructure)\s+F1 ([0-9.]+)', line)
        if m:
            res[m.group(1)] = float(m.group(2))
        m = re.match(r'^funding investors set-F1 ([0-9.]+)', line)
        if m:
            res['investors'] = float(m.group(1))
        m = re.match(r'^funding lead investors set-F1 ([0-9.]+)', line)
        if m:
            res['leads'] = float(m.group(1))
        m = re.match(r'^events: F1 ([0-9.]+)', line)
        if m:
            res['all'] = float(m.group(1))
        m = re.match(r'^program errors: (\d+)', line)
        if m:
            res['errors'] = int(m.group(1))
    if 'all' not in res:
        raise RuntimeError('the scorer printed no result for %s: %s' % (name, out[-300:]))
    return res


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--mtrack', default=os.path.join(TOP, 'build', 'mtrack'))
    ap.add_argument('--shared', default=os.path.join(os.path.dirname(TOP), 'shared'))
    ap.add_argument('--seed', default='1')
    ap.add_argument('--only', default='rename,amounts,halves,date,chrome,tail,all')
    ap.add_argument('--shapes', action='store_true')
    ap.add_argument('--verbose', action='store_true')
    ap.add_argument('--show', default=None, metavar='ID:TRANSFORM')
    ap.add_argument('--no-base', action='store_true',
                    help='do not score the unperturbed set (no changes shown)')
    a = ap.parse_args()
    gold = os.path.join(a.shared, 'corpus', 'events', 'real-dev.jsonl')
    scorer = os.path.join(a.shared, 'eval', 'events_score.py')
    if not os.path.isfile(gold) or not os.path.isfile(scorer):
        print('perturb: skipped: no %s (the real development set is not here)' % gold)
        return 0
    if not os.access(a.mtrack, os.X_OK):
        print('mtrack: perturb: %s: no such program (build it first)' % a.mtrack, file=sys.stderr)
        return 1
    recs = [json.loads(line) for line in open(gold, encoding='utf-8') if line.strip()]
    names = [n for n in a.only.split(',') if n]
    if a.shapes:
        names += ['rename-' + s for s in SHAPES]
    if a.show:
        rid, _, t = a.show.partition(':')
        for v in variant(t or 'all', [r for r in recs if r['id'] == rid], a.seed):
            print(v['text'])
            print(json.dumps({'published': v.get('published'), 'events': v['events']},
                             ensure_ascii=False, indent=1))
        return 0
    with tempfile.TemporaryDirectory(prefix='mtrack-perturb.') as tmp:
        base = {'lines': []} if a.no_base else score(recs, tmp, 'base', a.mtrack, scorer, a.verbose)
        rows = [] if a.no_base else [('base', base)]
        for n in names:
            rows.append((n, score(variant(n, recs, a.seed), tmp, n, a.mtrack, scorer, a.verbose)))
    if a.verbose:
        # the misses and extras a variant has more of than the unperturbed
        # set, per record and type
        def keyed(r):
            out = {}
            for l in r['lines']:
                m = re.match(r'^(MISS|EXTRA) (\S+) \{"type": "(\w+)"', l)
                if m:
                    out.setdefault(m.groups(), []).append(l)
            return out
        b = keyed(base)
        for n, r in rows:
            if n == 'base':
                continue
            for k, ls in sorted(keyed(r).items()):
                if len(ls) > len(b.get(k, [])):
                    for l in ls:
                        print('%s %s' % (n, l))
    print('%-14s %7s %7s %7s %7s %7s' % ('transform', 'all', 'funding', 'acq', 'invest', 'leads'))
    for n, r in rows:
        cells = []
        for k in ('all', 'funding', 'acquisition', 'investors', 'leads'):
            d = r.get(k, 0) - base.get(k, 0)
            cells.append('%.3f' % r.get(k, 0) + ('' if n == 'base' or a.no_base else ' (%+.3f)' % d))
        print('%-14s ' % n + '  '.join(cells) + ('  errors %d' % r['errors'] if r.get('errors') else ''))
    for n, r in rows:
        print('perturb %s all %.3f funding %.3f acquisition %.3f investors %.3f leads %.3f errors %d'
              % (n, r.get('all', 0), r.get('funding', 0), r.get('acquisition', 0),
                 r.get('investors', 0), r.get('leads', 0), r.get('errors', 0)))
    return 0


if __name__ == '__main__':
    sys.exit(main())
