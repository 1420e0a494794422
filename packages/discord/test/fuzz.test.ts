import { cleanText, hasUnusableCharacters } from '@autoalex/terms/text';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ChatCommand,
  catalogue,
  customId,
  customIdPrefixes,
  type ParsedOptions,
  parseCustomId,
  parseOptions,
} from '../src/index.ts';
import {
  definitionsFor,
  garbagePayload,
  hostileText,
  leavesOf,
  type Target,
  targets,
  unusableChar,
  validPayload,
  type WireOption,
  withLeaves,
} from './support/arbitraries.ts';

const runs = { numRuns: 300 };
const commands = catalogue.map((c) => [c.name, c as ChatCommand] as const);

/** The cross-option rules of the catalogue, as the generated payloads can break them. */
const rules: Record<string, { holds: (leaves: WireOption[]) => boolean; messages: string[] }> = {
  compare: {
    holds: (leaves) => {
      const user = (n: string) =>
        String(leaves.find((o) => o.name === n)?.value)
          .trim()
          .toLowerCase();
      return user('user1') !== user('user2');
    },
    messages: ['user1 and user2 must be two different people'],
  },
  reduce: {
    holds: (leaves) => leaves.some((o) => o.name === 'stem') !== leaves.some((o) => o.name === 'preset'),
    messages: ['choose a stem or a preset', 'choose either a stem or a preset, not both'],
  },
};

/** Whatever came in, the answer is well formed: values that satisfy the schema, or plain messages. */
function expectWellFormed(command: ChatCommand, result: ParsedOptions<unknown>): void {
  if (result.ok && result.kind === 'command') {
    expect(command.options.safeParse(result.values).success).toBe(true);
    for (const value of Object.values(result.values as Record<string, unknown>)) {
      if (typeof value === 'string') expect(hasUnusableCharacters(value)).toBe(false);
    }
    return;
  }
  if (result.ok) {
    expect(typeof result.focused.text).toBe('string');
    expect(hasUnusableCharacters(result.focused.text)).toBe(false);
    expect(typeof result.focused.name).toBe('string');
    return;
  }
  expect(result.errors.length).toBeGreaterThan(0);
  expect(result.errors.length).toBeLessThanOrEqual(10);
  for (const message of result.errors) {
    expect(typeof message).toBe('string');
    // Messages quote the input: what they quote must be as clean as any other text we send.
    expect(hasUnusableCharacters(message)).toBe(false);
    expect(message.length).toBeGreaterThan(5);
    expect(message.length).toBeLessThan(200);
    expect(message).not.toMatch(/\[object |undefined|Invalid input|could not be read/);
  }
}

function parse(command: ChatCommand, payload: unknown): ParsedOptions<unknown> {
  let result: ParsedOptions<unknown> | undefined;
  expect(() => {
    result = parseOptions(command.name, payload);
  }).not.toThrow();
  return result as ParsedOptions<unknown>;
}

function errors(result: ParsedOptions<unknown>): string {
  return result.ok ? '' : result.errors.join('\n');
}

describe.each(commands)('/%s', (_, command) => {
  it('parses every payload Discord could send for it', () => {
    fc.assert(
      fc.property(validPayload(command), (payload) => {
        const result = parse(command, payload);
        const rule = rules[command.name];
        const leaves = leavesOf(payload);
        if (rule && !rule.holds(leaves)) {
          expect(result.ok).toBe(false);
          if (!result.ok) for (const e of result.errors) expect(rule.messages).toContain(e);
          return;
        }
        expect(result).toMatchObject({ ok: true, kind: 'command' });
        if (!result.ok || result.kind !== 'command') return;
        const values = result.values as Record<string, unknown>;
        for (const option of leaves) {
          const sent = typeof option.value === 'string' ? option.value.trim() : option.value;
          expect(values[option.name]).toStrictEqual(sent);
        }
        if (payload[0]?.type === 1) expect(values.subcommand).toBe(payload[0].name);
      }),
      runs,
    );
  });

  it('never throws on garbage, and answers with values or clear messages', () => {
    fc.assert(
      fc.property(garbagePayload(command), (payload) => {
        expectWellFormed(command, parse(command, payload));
      }),
      { numRuns: 500 },
    );
  });
});

const all = catalogue.map((c) => c as ChatCommand);

describe.each(targets(all, (o) => o.type === 3 && o.autocomplete === true))('%s (autocomplete)', (_, target) => {
  it('turns any valid payload into an autocomplete request when this option is focused', () => {
    fc.assert(
      fc.property(validPayload(target.command, target.subcommand), fc.string({ maxLength: 100 }), (payload, typed) => {
        const others = leavesOf(payload).filter((o) => o.name !== target.option.name);
        const focused = { name: target.option.name, type: target.option.type, value: typed, focused: true };
        const result = parse(target.command, withLeaves(payload, [...others, focused]));
        expect(result).toMatchObject({
          ok: true,
          kind: 'autocomplete',
          subcommand: target.subcommand,
          focused: { name: target.option.name, text: typed },
        });
      }),
      { numRuns: 100 },
    );
  });
});

describe.each(targets(all, (o) => o.type === 3 && o.autocomplete === true))(
  '%s (autocomplete, hostile text)',
  (_, target) => {
    it('suggests for the typed text without its control characters', () => {
      fc.assert(
        fc.property(validPayload(target.command, target.subcommand), hostileText(), (payload, typed) => {
          fc.pre(typed.length <= 6000);
          const others = leavesOf(payload).filter((o) => o.name !== target.option.name);
          const focused = { name: target.option.name, type: target.option.type, value: typed, focused: true };
          const result = parse(target.command, withLeaves(payload, [...others, focused]));
          expect(result).toMatchObject({ ok: true, kind: 'autocomplete', focused: { text: cleanText(typed) } });
        }),
        { numRuns: 100 },
      );
    });
  },
);

/** A valid payload for the target's command, with the target option set to `value` (or removed). */
function breakOne(target: Target, value: fc.Arbitrary<unknown>, remove = false): fc.Arbitrary<WireOption[]> {
  return fc.tuple(validPayload(target.command, target.subcommand), value).map(([payload, v]) => {
    const others = leavesOf(payload).filter((o) => o.name !== target.option.name);
    const broken = { name: target.option.name, type: target.option.type, value: v };
    return withLeaves(payload, remove ? others : [...others, broken]);
  });
}

describe.each(targets(all, (o) => o.type === 4 || o.type === 10))('%s out of range', (_, target) => {
  it('is reported with its range', () => {
    const { option } = target;
    if (option.type !== 4 && option.type !== 10) throw new Error('not a number option');
    const min = option.min_value ?? 0;
    const max = option.max_value ?? 0;
    const outside = fc.oneof(
      fc.double({ min: max, max: max + 1e6, minExcluded: true, noNaN: true }),
      fc.double({ min: min - 1e6, max: min, maxExcluded: true, noNaN: true }),
      fc.constantFrom(max + 1, min - 1, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER),
    );
    const rounded = option.type === 4 ? outside.map((v) => (v > max ? Math.ceil(v) : Math.floor(v))) : outside;
    // fast-check counts -0 as below 0: keep only values that really are outside.
    const value = rounded.filter((v) => v < min || v > max);
    fc.assert(
      fc.property(breakOne(target, value), (payload) => {
        expect(errors(parse(target.command, payload))).toContain(`${option.name} must be between ${min} and ${max}`);
      }),
      runs,
    );
  });
});

describe.each(targets(all, (o) => o.type === 3 && !o.choices))('%s too long', (_, target) => {
  it('is reported with its limit', () => {
    const max = target.option.type === 3 ? (target.option.max_length ?? 6000) : 0;
    const long = fc
      .tuple(
        fc.integer({ min: 1, max: 300 }),
        fc.string({ minLength: 1, maxLength: 1 }).filter((c) => c.trim() !== ''),
      )
      .map(([extra, char]) => char.repeat(max + extra));
    fc.assert(
      fc.property(breakOne(target, long), (payload) => {
        expect(errors(parse(target.command, payload))).toContain(
          `${target.option.name} is longer than ${max} characters`,
        );
      }),
      runs,
    );
  });
});

describe.each(targets(all, (o) => o.type === 3 && !o.choices))('%s with control characters', (_, target) => {
  it('is refused, saying which option', () => {
    const max = target.option.type === 3 ? (target.option.max_length ?? 6000) : 0;
    // Between printable characters, so that trimming cannot take it away.
    const hostile = fc
      .tuple(fc.string({ minLength: 1, maxLength: 1 }), unusableChar(), fc.string({ minLength: 1, maxLength: 20 }))
      .filter(([before, , after]) => before.trim() !== '' && after.trim() !== '')
      .map(([before, char, after]) => `${before}${char}${after}`.slice(0, max));
    fc.assert(
      fc.property(breakOne(target, hostile), (payload) => {
        expect(errors(parse(target.command, payload))).toContain(
          `${target.option.name} contains characters that cannot be used`,
        );
      }),
      runs,
    );
  });
});

describe.each(targets(all, (o) => o.type === 3 && (o.choices?.length ?? 0) > 0))('%s unknown choice', (_, target) => {
  it('is reported with the choices', () => {
    const choices = target.option.type === 3 ? (target.option.choices ?? []).map((c) => c.value) : [];
    const unknown = fc.string({ maxLength: 50 }).filter((v) => !choices.includes(v));
    fc.assert(
      fc.property(breakOne(target, unknown), (payload) => {
        expect(errors(parse(target.command, payload))).toMatch(
          new RegExp(`unknown choice .* for ${target.option.name}; choose ${choices.join(', ')}`),
        );
      }),
      runs,
    );
  });
});

describe.each(targets(all, (o) => o.required === true))('%s missing', (_, target) => {
  it('is reported as required', () => {
    fc.assert(
      fc.property(breakOne(target, fc.constant(undefined), true), (payload) => {
        expect(errors(parse(target.command, payload))).toContain(`${target.option.name} is required`);
      }),
      runs,
    );
  });
});

describe.each(targets(all, () => true))('%s of the wrong type', (_, target) => {
  it('is reported by name', () => {
    const { option } = target;
    const wrong = fc.oneof(fc.jsonValue(), fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, 1.5)).filter((v) => {
      if (option.type === 4) return !Number.isInteger(v);
      if (option.type === 10) return typeof v !== 'number' || !Number.isFinite(v);
      if (option.type === 5) return typeof v !== 'boolean';
      return typeof v !== 'string' && v !== null;
    });
    fc.assert(
      fc.property(breakOne(target, wrong), (payload) => {
        const message = errors(parse(target.command, payload));
        expect(message).toMatch(
          new RegExp(`(^|\\n)(${option.name} (must be|is required)|unknown choice .* for ${option.name})`),
        );
      }),
      runs,
    );
  });
});

describe.each(commands)('/%s with an option it does not know', (_, command) => {
  it('is reported as unknown', () => {
    fc.assert(
      fc.property(
        validPayload(command),
        fc.string({ minLength: 1, maxLength: 32 }),
        fc.jsonValue(),
        (payload, name, value) => {
          fc.pre(!definitionsFor(command, payload).some((d) => d.name === name));
          const sent = withLeaves(payload, [...leavesOf(payload), { name, type: 3, value }]);
          expect(errors(parse(command, sent))).toContain('unknown option');
        },
      ),
      runs,
    );
  });
});

describe('custom ids', () => {
  it('round-trip for every prefix and any valid state key', () => {
    fc.assert(
      fc.property(fc.constantFrom(...customIdPrefixes), fc.stringMatching(/^[A-Za-z0-9_-]{1,80}$/), (prefix, key) => {
        fc.pre(prefix.length + 1 + key.length <= 100);
        expect(parseCustomId(customId(prefix, key))).toEqual({ prefix, stateKey: key });
      }),
      runs,
    );
  });

  it('read garbage as null, and anything accepted as exactly what customId would build', () => {
    const near = fc
      .tuple(
        fc.oneof(fc.constantFrom(...customIdPrefixes), fc.string({ maxLength: 12 })),
        fc.constantFrom(':', '::', '', ' :', ': '),
        fc.string({ unit: 'binary', maxLength: 110 }),
      )
      .map(([p, sep, k]) => `${p}${sep}${k}`);
    fc.assert(
      fc.property(fc.oneof(near, fc.anything(), fc.string({ unit: 'binary' })), (raw) => {
        let parsed: ReturnType<typeof parseCustomId> = null;
        expect(() => {
          parsed = parseCustomId(raw);
        }).not.toThrow();
        if (parsed === null) return;
        const { prefix, stateKey } = parsed as { prefix: (typeof customIdPrefixes)[number]; stateKey: string };
        expect(customId(prefix, stateKey)).toBe(raw);
      }),
      { numRuns: 2000 },
    );
  });
});
