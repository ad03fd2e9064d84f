/** Strings of the store settings screen (staff app), spread into the admin app's i18n files. */
const ko = {
  settings: {
    nav: '매장 설정',
    title: '매장 설정',
    subtitle: '손님 휴대폰(QR 코드) 주문을 어떻게 받을지 정합니다.',
    readOnly: '설정은 점주 계정만 바꿀 수 있습니다. 지금 설정을 볼 수만 있습니다.',
    saved: '설정을 저장했습니다',
    guestOrdering: '휴대폰 주문',
    guestOrderingHint: '테이블의 QR 코드를 찍은 손님 휴대폰이 주문할 수 있는 때',
    mode: { off: '받지 않음', 'open-tables': '열린 테이블만', 'any-table': '모든 테이블' },
    modeHint: {
      off: '휴대폰으로는 주문할 수 없습니다. 태블릿과 직원만 주문을 넣습니다.',
      'open-tables': '직원이나 태블릿이 연 테이블에서만 주문할 수 있습니다 (권장).',
      'any-table': '손님이 QR 코드를 찍으면 비어 있는 테이블도 바로 열립니다.',
    },
    askGuestCount: '인원 묻기',
    askGuestCountHint: '휴대폰이나 태블릿이 테이블을 열 때 몇 분인지 먼저 묻습니다.',
    requirePin: 'PIN 입력 요구',
    requirePinHint: '휴대폰이 테이블에 참여할 때 태블릿과 테이블 카드에 보이는 4자리 PIN을 입력해야 합니다.',
  },
};

const en: typeof ko = {
  settings: {
    nav: 'Store settings',
    title: 'Store settings',
    subtitle: "How the store takes orders from guests' phones (QR codes).",
    readOnly: 'Only an owner can change these settings; you can read them.',
    saved: 'Settings saved',
    guestOrdering: 'Phone ordering',
    guestOrderingHint: "When a guest's phone that scanned the table's QR code may order",
    mode: { off: 'Off', 'open-tables': 'Open tables only', 'any-table': 'Any table' },
    modeHint: {
      off: 'Phones cannot order; only tablets and staff place orders.',
      'open-tables': 'Only at tables staff or the tablet opened (recommended).',
      'any-table': 'Scanning the code opens an empty table at once.',
    },
    askGuestCount: 'Ask the guest count',
    askGuestCountHint: 'Phones and tablets ask how many guests there are when they open a table.',
    requirePin: 'Require a PIN',
    requirePinHint: "Phones joining a table must type the 4-digit PIN shown on the table's tablet and card.",
  },
};

export const settingsStrings = { ko, en };
