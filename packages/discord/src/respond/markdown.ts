/** Keeps Discord from reading user data (artist, track and user names) as Markdown. */
export function escapeMarkdown(text: string): string {
  return text.replace(/([\\*_~`|[\]])/g, '\\$1');
}
