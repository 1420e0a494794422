/**
 * Autocomplete answers carry `<kind>:<id>` as their value, so a handler can tell an item the user
 * picked from the list apart from text the user typed and sent without picking.
 */
export const refKinds = ['artist', 'track', 'song', 'playlist', 'plex-user', 'genre', 'style'] as const;
export type RefKind = (typeof refKinds)[number];

export type Ref = { readonly kind: 'ref'; readonly id: string } | { readonly kind: 'text'; readonly text: string };

const idPattern = /^[A-Za-z0-9._-]{1,80}$/;

/** The value of an autocomplete choice that points at one item. Throws on an id that cannot be one. */
export function refValue(kind: RefKind, id: string): string {
  if (!idPattern.test(id)) throw new TypeError(`refValue: '${kind}' id must be 1–80 of A-Z a-z 0-9 . _ -`);
  return `${kind}:${id}`;
}

/** Reads an option value back: a picked item of `kind`, or the free text as typed. */
export function readRef(value: string, kind: RefKind): Ref {
  const prefix = `${kind}:`;
  if (value.startsWith(prefix)) {
    const id = value.slice(prefix.length);
    if (idPattern.test(id)) return { kind: 'ref', id };
  }
  return { kind: 'text', text: value };
}
