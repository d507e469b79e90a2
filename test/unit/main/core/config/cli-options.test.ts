import { describe, expect, it } from 'vitest';
import {
  parseCli,
  switchOption,
  textValue,
  valueOption,
  wholeNumber,
} from '../../../../../src/main/core/config/cli-options';

class TestArgsError extends Error {}
const fail = (message: string) => new TestArgsError(message);

const TABLE = {
  port: valueOption({
    flag: '--port',
    valueName: 'N',
    description: 'a port',
    schema: wholeNumber(1, 9),
    default: 5,
  }),
  name: valueOption({
    flag: '--name',
    valueName: 'S',
    description: 'a name',
    schema: textValue(),
    default: null,
  }),
  quiet: switchOption({ flag: '--quiet', short: 'q', description: 'say less' }),
};
const parse = (argv: string[]) => parseCli(TABLE, argv, fail);

describe('parseCli', () => {
  it('gives defaults and false for what is not given', () => {
    expect(parse([])).toEqual({ port: 5, name: null, quiet: false });
  });

  it('reads --flag value, --flag=value and short switches; the last of a repeated flag counts', () => {
    expect(parse(['--port', '3', '--name=a b', '-q'])).toEqual({ port: 3, name: 'a b', quiet: true });
    expect(parse(['--port=2', '--port', '7']).port).toBe(7);
    // With `=`, a value may start with dashes.
    expect(parse(['--name=--x']).name).toBe('--x');
  });

  it.each([
    [['--bogus'], 'Unknown option "--bogus".'],
    [['-x'], 'Unknown option "-x".'],
    [['--quiet=yes'], '--quiet takes no value, got "yes".'],
    [['--port'], '--port needs a value.'],
    [['--port', '--quiet'], '--port needs a value.'],
    [['--port='], '--port needs a value.'],
    [['--port', '-1'], '--port must be a whole number from 1 to 9, got "-1".'],
    [['--port', '1e1'], '--port must be a whole number from 1 to 9, got "1e1".'],
    [['--port', '10'], '--port must be from 1 to 9, got 10.'],
    [['--name', ' '], '--name needs a value.'],
    [['stray'], 'Unexpected argument "stray": options start with --.'],
    [['--', '--quiet'], 'Unexpected argument "--quiet": options start with --.'],
  ])('refuses %j with a message naming the flag', (argv, message) => {
    expect(() => parse(argv)).toThrow(TestArgsError);
    expect(() => parse(argv)).toThrow(message);
  });
});
