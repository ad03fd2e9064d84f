import { describe, expect, it } from 'vitest';
import { type DraftOption, draftProblems, moveOption } from './option-group-draft';

const option = (name: string): DraftOption => ({ key: name, name, price: 0, isAvailable: true, translations: {} });

describe('option group draft', () => {
  it('accepts a group guests can complete', () => {
    expect(
      draftProblems({ name: '맵기', minSelect: 1, maxSelect: 1, options: [option('순한맛'), option('매운맛')] }),
    ).toEqual([]);
  });

  it('names what the server would refuse', () => {
    expect(draftProblems({ name: ' ', minSelect: 2, maxSelect: 1, options: [option('')] })).toEqual([
      'name',
      'optionName',
      'range',
    ]);
    expect(draftProblems({ name: '사리', minSelect: 3, maxSelect: 3, options: [option('라면')] })).toEqual(['tooFew']);
    expect(draftProblems({ name: '사리', minSelect: 0, maxSelect: 1, options: [] })).toEqual(['count']);
  });

  it('moves an option one place, never past an end', () => {
    expect(moveOption(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveOption(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveOption(['a', 'b'], 0, -1)).toEqual(['a', 'b']);
  });
});
