import { describe, expect, it } from 'vitest';
import { asConfigError, ConfigError, envFlag, envInteger, envReaders } from '../env.js';

class MyConfigError extends ConfigError {
  override name = 'MyConfigError';
}

describe('envInteger / envFlag', () => {
  it('fall back when unset or empty and name the variable otherwise', () => {
    expect(envInteger({}, 'N', 7, 0, 10)).toBe(7);
    expect(envInteger({ N: '' }, 'N', 7, 0, 10)).toBe(7);
    expect(envInteger({ N: '10' }, 'N', 7, 0, 10)).toBe(10);
    expect(() => envInteger({ N: '11' }, 'N', 7, 0, 10)).toThrow('N must be an integer from 0 to 10, got "11"');
    expect(envFlag({ F: 'false' }, 'F', true)).toBe(false);
    expect(() => envFlag({ F: 'yes' }, 'F', true, MyConfigError)).toThrow(MyConfigError);
  });
});

describe('envReaders', () => {
  it('binds both readers to the caller’s error class', () => {
    const { integer, flag } = envReaders(MyConfigError);
    expect(integer({ N: '3' }, 'N', 0, 0, 5)).toBe(3);
    expect(flag({}, 'F', true)).toBe(true);
    expect(() => integer({ N: 'x' }, 'N', 0, 0, 5)).toThrow(MyConfigError);
    expect(() => flag({ F: '1' }, 'F', false)).toThrow(/F must be true or false, got "1"/);
  });
});

describe('asConfigError', () => {
  it('returns what the reader returns and rethrows its errors as the given class, same message', () => {
    expect(asConfigError(MyConfigError, () => 42)).toBe(42);
    const thrown = (() => {
      try {
        asConfigError(MyConfigError, () => {
          throw new Error('NATS_URL must be nats://host:port');
        });
      } catch (err) {
        return err;
      }
      return undefined;
    })();
    expect(thrown).toBeInstanceOf(MyConfigError);
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as Error).message).toBe('NATS_URL must be nats://host:port');
    expect((thrown as Error).name).toBe('MyConfigError');
  });
});
