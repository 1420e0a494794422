/**
 * Plex answers XML unless the client sends `Accept: application/json`. This renders the same
 * MediaContainer as XML: scalar fields become attributes, arrays become child elements. Items of
 * `Metadata` take Plex's element names (Directory for artists and albums, Track, Video, Playlist).
 */
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const ELEMENT_FOR_TYPE: Record<string, string> = {
  artist: 'Directory',
  album: 'Directory',
  track: 'Track',
  movie: 'Video',
  episode: 'Video',
  playlist: 'Playlist',
};

function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\n/g, '&#10;');
}

function element(name: string, value: { [key: string]: Json }, indent: string): string {
  const attributes: string[] = [];
  const children: string[] = [];
  for (const [key, child] of Object.entries(value)) {
    if (child === null || child === undefined) continue;
    if (Array.isArray(child)) {
      for (const item of child) {
        if (item && typeof item === 'object' && !Array.isArray(item)) {
          const itemName = key === 'Metadata' ? (ELEMENT_FOR_TYPE[String(item.type)] ?? 'Directory') : key;
          children.push(element(itemName, item, `${indent}  `));
        }
      }
    } else if (typeof child === 'object') {
      children.push(element(key, child, `${indent}  `));
    } else {
      const text = typeof child === 'boolean' ? (child ? '1' : '0') : String(child);
      attributes.push(` ${key}="${escapeXml(text)}"`);
    }
  }
  const open = `${indent}<${name}${attributes.join('')}`;
  return children.length === 0 ? `${open} />` : `${open}>\n${children.join('\n')}\n${indent}</${name}>`;
}

export function toXml(body: { MediaContainer: Record<string, unknown> }): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${element('MediaContainer', body.MediaContainer as { [key: string]: Json }, '')}\n`;
}
