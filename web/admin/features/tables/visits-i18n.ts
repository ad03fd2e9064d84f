/** Strings of a table's visits in its history (money, payments and what happened). */
export const visitsStrings = {
  ko: {
    visits: {
      title: '이용 기록 ({{count}})',
      when: '{{from}} ~ {{to}}',
      guests: '{{count}}명',
      money: '주문 {{total}} · 결제 {{paid}}',
      due: '미결제 {{amount}}',
      giveBack: '돌려줄 금액 {{amount}}',
      closedWithDue: '미결제 상태로 종료',
      reasons: {
        staff: '이용 완료',
        idle: '자동 종료 (주문 없음)',
        expired: '자동 종료 (시간 초과)',
        merged: '합석으로 종료',
      },
      log: {
        opened: '테이블 열림',
        moved: '자리 이동: 테이블 {{from}} → {{to}}',
        merged: '합석: 테이블 {{from}} → {{into}}',
        orderMovedIn: '주문 {{no}}번이 테이블 {{from}}에서 옮겨 옴',
        orderMovedOut: '주문 {{no}}번을 테이블 {{to}}(으)로 옮김',
        voided: '주문 {{no}}번 항목 취소 {{amount}}{{reason}}',
        payment: '결제 {{amount}} ({{method}})',
        refund: '환불 {{amount}} ({{method}})',
        closed: '종료',
      },
    },
  },
  en: {
    visits: {
      title: 'Visits ({{count}})',
      when: '{{from}} – {{to}}',
      guests: '{{count}} guests',
      money: 'Ordered {{total}} · paid {{paid}}',
      due: 'Unpaid {{amount}}',
      giveBack: 'To give back {{amount}}',
      closedWithDue: 'Closed with money due',
      reasons: { staff: 'Ended by staff', idle: 'Closed (no orders)', expired: 'Closed (too long)', merged: 'Merged' },
      log: {
        opened: 'Opened',
        moved: 'Moved: table {{from}} → {{to}}',
        merged: 'Merged: table {{from}} → {{into}}',
        orderMovedIn: 'Order {{no}} came from table {{from}}',
        orderMovedOut: 'Order {{no}} moved to table {{to}}',
        voided: 'Order {{no}}: voided {{amount}}{{reason}}',
        payment: 'Payment {{amount}} ({{method}})',
        refund: 'Refund {{amount}} ({{method}})',
        closed: 'Closed',
      },
    },
  },
};
