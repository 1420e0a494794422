// What users of /completion, /compare and /usage read when an option names nothing the library
// mirror knows. Always ephemeral.

export function notLinked(command: 'completion'): string {
  return [
    `/${command} counts the plays of your Plex account, and your Discord account is not linked to one yet.`,
    `Name a Plex user instead: \`/${command} artist:<artist> user:<Plex user>\` (start typing in \`user\` to pick one).`,
  ].join(' ');
}

export function unknownPlexUser(text: string, suggestions: readonly string[]): string {
  const tail = suggestions.length > 0 ? ` Did you mean: ${suggestions.join(', ')}?` : '';
  return text
    ? `"${text}" is not a Plex user Autoalex knows (Tautulli's users, as of the last library sync).${tail}`
    : `Name a Plex user.${tail}`;
}

export function samePlexUser(name: string): string {
  return `user1 and user2 are both ${name} — pick two different Plex users.`;
}
