/** The demo store seeded on a development machine's first start (README, "Demo sign-in"). */
export const DEMO_STORE = { code: 'demo', name: '테이블오더 데모점', timezone: 'Asia/Seoul' };
export const DEMO_OWNER = { username: 'admin', password: 'admin1234' };
export const DEMO_TABLE_PASSWORD = '1234';
export const DEMO_TABLE_COUNT = 8;
export const DEMO_SUPERADMIN = { username: 'superadmin', password: 'superadmin1234' };

export interface DemoDish {
  name: string;
  price: number;
  description: string;
  /** File name under modules/bootstrap/assets/ of the dish's picture. */
  image: string;
  isAvailable?: boolean;
}

export const DEMO_MENU: Array<{ category: string; dishes: DemoDish[] }> = [
  {
    category: '메인 요리',
    dishes: [
      {
        name: '김치찌개',
        price: 9000,
        description: '잘 익은 김치와 돼지고기를 넣고 푹 끓인 찌개',
        image: 'kimchi-jjigae',
      },
      {
        name: '된장찌개',
        price: 8500,
        description: '두부와 애호박을 넣은 구수한 집된장 찌개',
        image: 'doenjang-jjigae',
      },
      { name: '제육볶음', price: 12000, description: '매콤달콤한 양념에 볶은 돼지고기', image: 'jeyuk-bokkeum' },
      { name: '불고기', price: 15000, description: '간장 양념에 재운 소고기를 달콤하게 구운 불고기', image: 'bulgogi' },
      { name: '비빔밥', price: 10000, description: '제철 나물과 고추장, 계란 프라이를 올린 비빔밥', image: 'bibimbap' },
    ],
  },
  {
    category: '사이드',
    dishes: [
      { name: '해물파전', price: 16000, description: '오징어와 새우를 듬뿍 넣은 바삭한 파전', image: 'haemul-pajeon' },
      { name: '떡볶이', price: 7000, description: '쫄깃한 가래떡을 매콤한 고추장 소스에', image: 'tteokbokki' },
      { name: '계란말이', price: 6000, description: '부드럽게 말아낸 도톰한 계란말이', image: 'gyeran-mari' },
      {
        name: '군만두',
        price: 6500,
        description: '겉은 바삭, 속은 촉촉한 수제 군만두',
        image: 'gun-mandu',
        isAvailable: false,
      },
    ],
  },
  {
    category: '음료',
    dishes: [
      { name: '콜라', price: 2000, description: '시원한 콜라 355ml', image: 'cola' },
      { name: '사이다', price: 2000, description: '청량한 사이다 355ml', image: 'cider' },
      { name: '식혜', price: 3000, description: '직접 만든 달콤한 전통 식혜', image: 'sikhye' },
    ],
  },
  {
    category: '주류',
    dishes: [
      { name: '소주', price: 5000, description: '참이슬 360ml', image: 'soju' },
      { name: '맥주', price: 5000, description: '생맥주 500cc', image: 'beer' },
      { name: '막걸리', price: 6000, description: '쌀로 빚은 지평 생막걸리 750ml', image: 'makgeolli' },
    ],
  },
];
