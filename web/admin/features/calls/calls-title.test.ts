import { describe, expect, test } from 'vitest';
import { titleWithCalls } from './calls-title';

describe('the tab title', () => {
  test('puts the number of tables calling in front, and leaves the title alone when none is', () => {
    expect(titleWithCalls('테이블오더 매장 관리', 2, '🔔 호출 2')).toBe('🔔 호출 2 · 테이블오더 매장 관리');
    expect(titleWithCalls('테이블오더 매장 관리', 0, '🔔 호출 0')).toBe('테이블오더 매장 관리');
  });
});
