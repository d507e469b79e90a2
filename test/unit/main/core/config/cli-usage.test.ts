import { describe, expect, it } from 'vitest';
import {
  switchOption,
  textValue,
  valueOption,
  wholeNumber,
} from '../../../../../src/main/core/config/cli-options';
import { defaultText, formatUsage } from '../../../../../src/main/core/config/cli-usage';

const TABLE = {
  port: valueOption({
    flag: '--port',
    valueName: 'N',
    description: 'a port',
    schema: wholeNumber(1, 9),
    default: 5,
  }),
  list: valueOption({
    flag: '--list',
    valueName: 'A,B',
    description: 'some names',
    more: 'names: a, b\nor c',
    schema: textValue().transform((s) => s.split(',')),
    default: ['a', 'b'],
  }),
  dir: valueOption({
    flag: '--dir',
    valueName: 'DIR',
    description: 'a folder',
    schema: textValue(),
    default: null,
    defaultText: 'the home folder',
  }),
  host: valueOption({
    flag: '--host',
    valueName: 'H',
    description: 'a host',
    schema: textValue(),
    default: null,
  }),
  help: switchOption({ flag: '--help', short: 'h', description: 'this text' }),
};

describe('formatUsage', () => {
  it('writes one aligned line per option, in table order, with defaults and extra lines', () => {
    expect(formatUsage({ usage: 'tool [options]', intro: 'Does things.', options: TABLE })).toBe(
      [
        'usage: tool [options]',
        '',
        'Does things.',
        '',
        '  --port N    a port (default: 5)',
        '  --list A,B  some names (default: a,b)',
        '              names: a, b',
        '              or c',
        '  --dir DIR   a folder (default: the home folder)',
        '  --host H    a host',
        '  --help, -h  this text',
      ].join('\n'),
    );
  });

  it('shows the default value, the text that replaces it, or nothing for null and switches', () => {
    expect(Object.values(TABLE).map(defaultText)).toEqual(['5', 'a,b', 'the home folder', null, null]);
  });
});
