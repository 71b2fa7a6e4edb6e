#!/usr/bin/env python3
"""Check the labelled event set (tests/events/dev.jsonl) for format and consistency.

Usage: python3 tests/events/validate.py [FILE]   (default: dev.jsonl beside this script)
Prints one line per problem and a summary; exits 1 when there is an error.
Warnings (names or amounts not found verbatim in the text) do not fail.
"""
import json
import os
import re
import sys

RATES = {'USD': 1.0, 'EUR': 1.08, 'GBP': 1.27, 'CNY': 0.138, 'INR': 0.012, 'JPY': 0.0067,
         'KRW': 0.00072, 'CAD': 0.73, 'CHF': 1.13, 'SGD': 0.74, 'AED': 0.272}
ROUNDS = {'Pre-Seed', 'Seed', 'Growth', 'Debt', 'Strategic', 'Grant', 'IPO', 'Unspecified'} | \
    {'Series ' + c for c in 'ABCDEFGHIJ'}
KEYS = {
    'funding': ['company', 'amount', 'amount_native', 'currency', 'amount_usd', 'round',
                'valuation_usd', 'lead_investors', 'investors', 'country'],
    'acquisition': ['acquirer', 'target', 'price_usd'],
    'stock_move': ['company', 'ticker', 'change_pct', 'close_price'],
    'infrastructure': ['organization', 'country', 'amount_usd', 'what'],
    'product': ['company', 'product'],
}
NAMES = {'funding': ['company'], 'acquisition': ['acquirer', 'target'],
         'stock_move': ['company'], 'infrastructure': ['organization'], 'product': ['company']}

errors = warnings = 0


def err(aid, msg):
    global errors
    errors += 1
    print('ERROR %s: %s' % (aid, msg))


def warn(aid, msg):
    global warnings
    warnings += 1
    print('WARN  %s: %s' % (aid, msg))


def num(x, nullable=True):
    if x is None:
        return nullable
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def in_text(name, text):
    return name.lower() in text.lower()


def check_event(aid, e, text, fixed_ok):
    t = e.get('type')
    if t not in KEYS:
        err(aid, 'unknown event type %r' % t)
        return
    for k in KEYS[t]:
        if k not in e:
            err(aid, '%s: missing key %s' % (t, k))
    extra = set(e) - set(KEYS[t]) - {'type'}
    if extra:
        err(aid, '%s: unexpected keys %s' % (t, sorted(extra)))
    for k in NAMES[t]:
        v = e.get(k)
        if not isinstance(v, str) or not v.strip():
            err(aid, '%s: %s must be a non-empty string' % (t, k))
        elif not in_text(v, text):
            warn(aid, '%s: %s %r not found verbatim in text' % (t, k, v))
    if t == 'funding':
        if not num(e.get('amount_native'), False) or e['amount_native'] <= 0:
            err(aid, 'funding: amount_native must be a positive number')
        if not num(e.get('amount_usd'), False) or e['amount_usd'] <= 0:
            err(aid, 'funding: amount_usd must be a positive number')
        if not num(e.get('valuation_usd')):
            err(aid, 'funding: valuation_usd must be a number or null')
        cur = e.get('currency')
        if cur not in RATES:
            err(aid, 'funding: currency %r not an ISO 4217 code used by the set' % cur)
        elif num(e.get('amount_native'), False) and num(e.get('amount_usd'), False):
            if cur == 'USD' and e['amount_usd'] != e['amount_native']:
                err(aid, 'funding: USD amount_usd differs from amount_native')
            if cur != 'USD':
                at_rate = e['amount_native'] * RATES[cur]
                # the article's own conversion, when it gives one, is kept in 'amount'
                own = re.search(r'\$\s?[\d.,]+\s*(million|billion|bn|m)\b', e.get('amount') or '')
                if own:
                    pass
                elif abs(at_rate - e['amount_usd']) > 0.005 * at_rate:
                    err(aid, 'funding: amount_usd %s is neither the fixed rate nor the '
                             "article's conversion in 'amount'" % e['amount_usd'])
                elif not fixed_ok:
                    err(aid, 'funding: fixed-rate conversion but notes do not say so')
        if e.get('round') not in ROUNDS:
            err(aid, 'funding: round %r not in the round list' % e.get('round'))
        amt = e.get('amount')
        if not isinstance(amt, str) or not amt:
            err(aid, 'funding: amount (as written) missing')
        elif not in_text(amt, text):
            warn(aid, 'funding: amount %r not found verbatim in text' % amt)
        leads, invs = e.get('lead_investors'), e.get('investors')
        if not isinstance(leads, list) or not isinstance(invs, list):
            err(aid, 'funding: lead_investors and investors must be lists')
        else:
            for x in leads:
                if x not in invs:
                    err(aid, 'funding: lead %r missing from investors' % x)
            if len(set(invs)) != len(invs):
                err(aid, 'funding: duplicate investors')
            for x in invs:
                if not in_text(x, text):
                    warn(aid, 'funding: investor %r not found verbatim in text' % x)
    if t in ('funding', 'infrastructure'):
        c = e.get('country')
        if c is not None and not (isinstance(c, str) and re.fullmatch(r'[A-Z]{2}', c)):
            err(aid, '%s: country %r must be ISO alpha-2 or null' % (t, c))
    if t == 'infrastructure' and not num(e.get('amount_usd')):
        err(aid, 'infrastructure: amount_usd must be a number or null')
    if t == 'acquisition' and not num(e.get('price_usd')):
        err(aid, 'acquisition: price_usd must be a number or null')
    if t == 'stock_move':
        if not num(e.get('change_pct'), False):
            err(aid, 'stock_move: change_pct must be a number')
        if not num(e.get('close_price')):
            err(aid, 'stock_move: close_price must be a number or null')
        tk = e.get('ticker')
        if tk is not None and tk not in text:
            err(aid, 'stock_move: ticker %r is not written in the text (use null)' % tk)


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else \
        os.path.join(os.path.dirname(os.path.abspath(__file__)), 'dev.jsonl')
    seen = set()
    n_art = n_ev = 0
    by_type = {}
    no_events = 0
    for lineno, line in enumerate(open(path, encoding='utf-8'), 1):
        if not line.strip():
            continue
        try:
            a = json.loads(line)
        except ValueError as ex:
            err('line %d' % lineno, 'not JSON: %s' % ex)
            continue
        aid = a.get('id', 'line %d' % lineno)
        n_art += 1
        for k in ('id', 'published', 'text', 'events'):
            if k not in a:
                err(aid, 'missing key %s' % k)
        if set(a) - {'id', 'published', 'text', 'events', 'notes'}:
            err(aid, 'unexpected keys %s' % sorted(set(a) - {'id', 'published', 'text', 'events', 'notes'}))
        if aid in seen:
            err(aid, 'duplicate id')
        seen.add(aid)
        if not re.fullmatch(r'202[56]-\d\d-\d\d', a.get('published') or ''):
            err(aid, 'published must be YYYY-MM-DD in 2025-2026')
        text = a.get('text') or ''
        if '\n' not in text:
            err(aid, 'text must be "Headline\\nBody"')
        words = len(text.split())
        if not 80 <= words <= 400:
            warn(aid, 'text has %d words (aim: 80-400)' % words)
        notes = a.get('notes') or ''
        fixed_ok = 'fixed rate' in notes
        evs = a.get('events')
        if not isinstance(evs, list):
            err(aid, 'events must be a list')
            continue
        no_events += not evs
        if not evs and not notes:
            err(aid, 'an article without events needs notes saying why')
        for e in evs:
            n_ev += 1
            if isinstance(e, dict):
                by_type[e.get('type')] = by_type.get(e.get('type'), 0) + 1
            check_event(aid, e, text, fixed_ok)
    print('events by type: ' + ', '.join('%s %d' % (k, v) for k, v in sorted(by_type.items())))
    print('articles without events: %d' % no_events)
    print('%d articles, %d events, %d errors, %d warnings' % (n_art, n_ev, errors, warnings))
    sys.exit(1 if errors else 0)


if __name__ == '__main__':
    main()
