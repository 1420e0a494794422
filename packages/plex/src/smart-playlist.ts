/**
 * The library uri of a "Top Rated" smart playlist: the section's tracks rated at least
 * `minRating` (Plex's 10-point scale, 8 = four stars), best first. The filter's operator characters
 * (`:` in the sort, `>>=` in the filter) are percent-encoded once here, inside the uri; the uri is
 * encoded again as a whole when it becomes the `uri` query value of `POST /playlists`.
 */
export function topRatedUri(machineIdentifier: string, sectionId: string, minRating: number): string {
  const filter = [
    'type=10',
    `sort=${encodeURIComponent('track.userRating:desc')}`,
    `${encodeURIComponent('track.userRating>>')}=${minRating}`,
  ].join('&');
  return `server://${machineIdentifier}/com.plexapp.plugins.library/library/sections/${encodeURIComponent(sectionId)}/all?${filter}`;
}
