import { cleanText } from '@autoalex/terms/text';

/**
 * Shows a user-supplied value inside an error message: short, single-line, and safe for any input
 * (objects without prototypes, symbols, huge strings). Never throws.
 */
export function describeInput(input: unknown): string {
  switch (typeof input) {
    case 'string':
      return `'${clip(cleanText(input.replace(/[\r\n\t]+/g, ' ')))}'`;
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(input);
    case 'undefined':
      return 'nothing';
    case 'symbol':
      return 'a symbol';
    case 'function':
      return 'a function';
    default:
      if (input === null) return 'null';
      return Array.isArray(input) ? 'a list' : 'an object';
  }
}

function clip(text: string): string {
  const chars = Array.from(text);
  return chars.length > 40 ? `${chars.slice(0, 40).join('')}…` : text;
}
