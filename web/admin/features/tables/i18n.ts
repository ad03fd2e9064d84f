/** Strings of the tables' QR codes (staff app), spread into the admin app's i18n files. */
const ko = {
  qr: {
    button: 'QR 코드',
    title: '테이블 {{number}} QR 코드',
    imageLabel: '테이블 {{number}} 주문용 QR 코드',
    hint: '손님이 이 코드를 휴대폰으로 찍으면 테이블의 장바구니에 함께 담고 주문합니다.',
    copy: '주소 복사',
    copied: '복사했습니다',
    rotate: '새 코드로 바꾸기',
    rotateTitle: '테이블 {{number}}의 QR 코드를 바꿀까요?',
    rotateText:
      '지금 붙어 있는 QR 코드는 바로 쓸 수 없게 되고, 그 코드로 접속한 휴대폰도 모두 연결이 끊깁니다. 새 코드를 인쇄해 붙여 주세요.',
    rotated: '테이블 {{number}}의 QR 코드를 바꿨습니다. 새 코드를 인쇄해 붙여 주세요.',
    sheet: 'QR 코드 인쇄',
    sheetTitle: 'QR 코드 인쇄용 시트',
    sheetSubtitle: '모든 테이블의 QR 코드를 A4 용지에 인쇄해 테이블에 붙이세요.',
    sheetTable: '{{number}}번 테이블',
    print: '인쇄하기',
    failed: 'QR 코드를 불러오지 못했습니다.',
  },
};

const en: typeof ko = {
  qr: {
    button: 'QR code',
    title: 'Table {{number}} QR code',
    imageLabel: 'Ordering QR code of table {{number}}',
    hint: "Guests scan this code with their phones to fill the table's shared cart and order.",
    copy: 'Copy address',
    copied: 'Copied',
    rotate: 'Replace the code',
    rotateTitle: 'Replace the QR code of table {{number}}?',
    rotateText:
      'The printed code stops working at once, and every phone that joined with it is disconnected. Print and stick the new code.',
    rotated: 'The QR code of table {{number}} was replaced. Print and stick the new one.',
    sheet: 'Print QR codes',
    sheetTitle: 'QR code sheet',
    sheetSubtitle: "Print every table's QR code on A4 paper and stick them on the tables.",
    sheetTable: 'Table {{number}}',
    print: 'Print',
    failed: 'Could not load the QR codes.',
  },
};

export const qrStrings = { ko, en };
