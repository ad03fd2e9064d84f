/** Strings of the stores' sales comparison, spread into the super-admin app's resources. */
export const salesKo = {
  sales: {
    nav: '매출 비교',
    stores: '매장',
    title: '매장별 매출 비교',
    subtitle: '같은 날짜를 각 매장의 시간대로 셉니다 (삭제된 주문 제외, 취소된 수량 차감).',
    code: '매장 코드',
    name: '매장 이름',
    timezone: '시간대',
    orders: '주문 수',
    sales: '매출',
    average: '주문당 평균',
    share: '비중',
    inactive: '비활성',
    total: '전체 {{count}}개 매장',
    none: '등록된 매장이 없습니다.',
  },
};

export const salesEn = {
  sales: {
    nav: 'Sales',
    stores: 'Stores',
    title: 'Sales by store',
    subtitle: 'The same dates, counted in each store’s own time zone (deleted orders left out, voids taken off).',
    code: 'Store code',
    name: 'Store name',
    timezone: 'Time zone',
    orders: 'Orders',
    sales: 'Sales',
    average: 'Average order',
    share: 'Share',
    inactive: 'Inactive',
    total: 'All {{count}} stores',
    none: 'No stores yet.',
  },
} satisfies typeof salesKo;
