import { salesKo } from '../features/sales/i18n';

/** Strings of the super-admin app (namespace `superadmin`); shared ones live in `common`. */
export const ko = {
  ...salesKo,
  app: { brand: '테이블오더', title: '본사 관리' },
  signIn: {
    subtitle: '본사 관리자 계정으로 로그인하세요.',
  },
  stores: {
    title: '매장',
    subtitle: '이 설치본에서 운영하는 모든 매장입니다.',
    add: '매장 추가',
    addTitle: '매장 추가',
    editTitle: '"{{name}}" 수정',
    none: '등록된 매장이 없습니다.',
    code: '매장 코드',
    codeHint: '태블릿과 직원 로그인에 쓰는 코드: 영문 소문자, 숫자, - 로 2~32자',
    name: '매장 이름',
    timezone: '시간대',
    state: '상태',
    created: '만든 날',
    actions: '관리',
    admins: '관리자 계정',
    active: '운영 중',
    inactive: '비활성',
    activeLabel: '운영 중',
    activeHint: '비활성 매장의 직원과 태블릿은 로그인할 수 없습니다.',
    deactivate: '비활성화',
    activate: '다시 활성화',
    deactivateTitle: '"{{name}}" 비활성화',
    deactivateText: '이 매장의 직원과 태블릿은 더 이상 로그인할 수 없습니다. 데이터는 그대로 남습니다.',
    activateTitle: '"{{name}}" 다시 활성화',
    activateText: '이 매장의 직원과 태블릿이 다시 로그인할 수 있게 됩니다.',
    createdToast: '"{{name}}" 매장을 만들었습니다. 이제 점주 계정을 추가하세요.',
    errors: {
      code: '매장 코드는 영문 소문자, 숫자, - 로 2~32자입니다.',
      name: '매장 이름은 1~100자입니다.',
      timezone: 'Asia/Seoul 같은 시간대를 고르세요.',
      duplicate: '이미 쓰이고 있는 매장 코드입니다.',
    },
  },
  admins: {
    title: '{{name}} 관리자 계정',
    titleUnknown: '매장 관리자 계정',
    storeCode: '매장 코드 {{code}}',
    back: '← 매장 목록',
    add: '계정 추가',
    none: '아직 계정이 없습니다. 점주 계정을 먼저 만드세요.',
    inactiveStore: '비활성 매장입니다. 이 매장의 계정으로는 로그인할 수 없습니다.',
    deleteTitle: '{{username}} 계정 삭제',
    deleteText: '이 계정으로는 더 이상 로그인할 수 없습니다. 매장에는 점주 계정이 하나 이상 남아 있어야 합니다.',
    deleteLastOwnerText: '이 매장의 하나뿐인 점주 계정이라 삭제할 수 없습니다. 다른 점주 계정을 먼저 만드세요.',
  },
};

export type SuperadminStrings = typeof ko;
