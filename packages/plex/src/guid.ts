const MBID = /^mbid:\/\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/**
 * The MusicBrainz id among an item's external ids. Plex's music agent lists them as
 * `Guid: [{ id: "mbid://<uuid>" }]` (in section listings only with `includeGuids=1`).
 */
export function musicBrainzId(guids: readonly { id: string }[] | undefined): string | undefined {
  for (const guid of guids ?? []) {
    const match = MBID.exec(guid.id.trim());
    if (match?.[1]) return match[1].toLowerCase();
  }
  return undefined;
}
