import type { Translations } from '../../../contract/i18n.js';
import type { Allergen, Badge } from '../../../contract/menus.js';

/** The demo store seeded on a development machine's first start (README, "Demo sign-in"). */
export const DEMO_STORE = { code: 'demo', name: '테이블오더 데모점', timezone: 'Asia/Seoul' };
export const DEMO_OWNER = { username: 'admin', password: 'admin1234' };
export const DEMO_TABLE_PASSWORD = '1234';
export const DEMO_TABLE_COUNT = 8;
export const DEMO_SUPERADMIN = { username: 'superadmin', password: 'superadmin1234' };

/** A reusable option group of the demo store, named by `key` from the dishes that offer it. */
export interface DemoOptionGroup {
  key: string;
  name: string;
  minSelect: number;
  maxSelect: number;
  translations: Translations;
  options: Array<{ name: string; price: number; translations: Translations }>;
}

const tr = (en: string, ja: string, zh: string): Translations => ({
  en: { name: en },
  ja: { name: ja },
  zh: { name: zh },
});

export const DEMO_OPTION_GROUPS: DemoOptionGroup[] = [
  {
    key: 'spice',
    name: '맵기',
    // Optional: without a choice the kitchen makes it as the house does (보통).
    minSelect: 0,
    maxSelect: 1,
    translations: tr('Spiciness', '辛さ', '辣度'),
    options: [
      { name: '순한맛', price: 0, translations: tr('Mild', '控えめ', '微辣') },
      { name: '보통', price: 0, translations: tr('Medium', '普通', '中辣') },
      { name: '매운맛', price: 0, translations: tr('Hot', '辛口', '特辣') },
    ],
  },
  {
    key: 'toppings',
    name: '사리 추가',
    minSelect: 0,
    maxSelect: 3,
    translations: tr('Add-ins', 'トッピング追加', '加料'),
    options: [
      { name: '라면사리', price: 1000, translations: tr('Ramen noodles', 'ラーメン麺', '拉面') },
      { name: '치즈', price: 1500, translations: tr('Cheese', 'チーズ', '芝士') },
      { name: '떡사리', price: 1000, translations: tr('Extra rice cakes', '追加トック', '加年糕') },
      { name: '삶은 달걀', price: 1000, translations: tr('Boiled egg', 'ゆで卵', '水煮蛋') },
    ],
  },
  {
    key: 'size',
    name: '양 선택',
    minSelect: 1,
    maxSelect: 1,
    translations: tr('Portion', '量', '分量'),
    options: [
      { name: '보통', price: 0, translations: tr('Regular', '普通', '普通') },
      { name: '곱빼기', price: 2000, translations: tr('Large', '大盛り', '大份') },
    ],
  },
  {
    key: 'temperature',
    name: '온도',
    minSelect: 1,
    maxSelect: 1,
    translations: tr('Temperature', '温度', '温度'),
    options: [
      { name: '따뜻하게', price: 0, translations: tr('Hot', 'ホット', '热') },
      { name: '차갑게', price: 0, translations: tr('Iced', 'アイス', '冰') },
    ],
  },
  {
    key: 'shot',
    name: '샷 추가',
    minSelect: 0,
    maxSelect: 1,
    translations: tr('Extra shot', 'ショット追加', '加浓缩'),
    options: [
      { name: '1샷 추가', price: 500, translations: tr('+1 shot', '+1ショット', '加1份') },
      { name: '2샷 추가', price: 1000, translations: tr('+2 shots', '+2ショット', '加2份') },
    ],
  },
];

export interface DemoDish {
  name: string;
  price: number;
  description: string;
  /** File name under modules/bootstrap/assets/ of the dish's picture. */
  image: string;
  isAvailable?: boolean;
  translations?: Translations;
  allergens?: Allergen[];
  badges?: Badge[];
  /** Keys of DEMO_OPTION_GROUPS, in the order the chooser shows them. */
  groups?: string[];
}

const dish = (en: [string, string], ja: [string, string], zh: [string, string]): Translations => ({
  en: { name: en[0], description: en[1] },
  ja: { name: ja[0], description: ja[1] },
  zh: { name: zh[0], description: zh[1] },
});

export const DEMO_MENU: Array<{ category: string; translations: Translations; dishes: DemoDish[] }> = [
  {
    category: '메인 요리',
    translations: tr('Mains', 'メイン料理', '主菜'),
    dishes: [
      {
        name: '김치찌개',
        price: 9000,
        description: '잘 익은 김치와 돼지고기를 넣고 푹 끓인 찌개',
        image: 'kimchi-jjigae',
        groups: ['spice', 'toppings'],
        allergens: ['pork', 'soybean', 'shellfish'],
        badges: ['popular', 'spicy'],
        translations: dish(
          ['Kimchi stew', 'Well-aged kimchi and pork, simmered long'],
          ['キムチチゲ', '熟成キムチと豚肉をじっくり煮込んだチゲ'],
          ['泡菜汤', '用熟成泡菜和猪肉慢炖的汤'],
        ),
      },
      {
        name: '된장찌개',
        price: 8500,
        description: '두부와 애호박을 넣은 구수한 집된장 찌개',
        image: 'doenjang-jjigae',
        groups: ['spice'],
        allergens: ['soybean', 'shellfish'],
        badges: ['recommended'],
        translations: dish(
          ['Soybean paste stew', 'Homemade doenjang with tofu and zucchini'],
          ['テンジャンチゲ', '豆腐とズッキーニ入りの味噌チゲ'],
          ['大酱汤', '加豆腐和西葫芦的韩式大酱汤'],
        ),
      },
      {
        name: '제육볶음',
        price: 12000,
        description: '매콤달콤한 양념에 볶은 돼지고기',
        image: 'jeyuk-bokkeum',
        allergens: ['pork', 'soybean', 'wheat'],
        badges: ['spicy'],
        translations: dish(
          ['Spicy stir-fried pork', 'Pork stir-fried in a sweet and spicy sauce'],
          ['豚肉の辛炒め', '甘辛ダレで炒めた豚肉'],
          ['辣炒猪肉', '甜辣酱炒猪肉'],
        ),
      },
      {
        name: '불고기',
        price: 15000,
        description: '간장 양념에 재운 소고기를 달콤하게 구운 불고기',
        image: 'bulgogi',
        allergens: ['beef', 'soybean', 'wheat'],
        badges: ['popular'],
        translations: dish(
          ['Bulgogi', 'Beef marinated in soy sauce, grilled sweet'],
          ['プルコギ', '醤油ダレに漬けた牛肉の甘い焼き物'],
          ['烤牛肉', '酱油腌制的甜味烤牛肉'],
        ),
      },
      {
        name: '비빔밥',
        price: 10000,
        description: '제철 나물과 고추장, 계란 프라이를 올린 비빔밥',
        image: 'bibimbap',
        allergens: ['eggs', 'soybean', 'wheat'],
        badges: ['vegetarian'],
        translations: dish(
          ['Bibimbap', 'Rice with seasonal greens, gochujang and a fried egg'],
          ['ビビンバ', '旬のナムルとコチュジャン、目玉焼きのせ'],
          ['拌饭', '时令野菜、辣椒酱和煎蛋拌饭'],
        ),
      },
    ],
  },
  {
    category: '사이드',
    translations: tr('Sides', 'サイド', '小吃'),
    dishes: [
      {
        name: '해물파전',
        price: 16000,
        description: '오징어와 새우를 듬뿍 넣은 바삭한 파전',
        image: 'haemul-pajeon',
        allergens: ['eggs', 'wheat', 'squid', 'shrimp'],
        translations: dish(
          ['Seafood pancake', 'Crispy scallion pancake full of squid and shrimp'],
          ['海鮮チヂミ', 'イカとエビたっぷりのカリカリチヂミ'],
          ['海鲜煎饼', '加满鱿鱼和虾的香脆葱饼'],
        ),
      },
      {
        name: '떡볶이',
        price: 7000,
        description: '쫄깃한 가래떡을 매콤한 고추장 소스에',
        image: 'tteokbokki',
        groups: ['spice', 'toppings'],
        allergens: ['wheat', 'soybean'],
        badges: ['spicy', 'popular'],
        translations: dish(
          ['Tteokbokki', 'Chewy rice cakes in a spicy gochujang sauce'],
          ['トッポッキ', 'もちもちの餅を甘辛コチュジャンソースで'],
          ['炒年糕', '辣酱炒筋道年糕'],
        ),
      },
      {
        name: '계란말이',
        price: 6000,
        description: '부드럽게 말아낸 도톰한 계란말이',
        image: 'gyeran-mari',
        allergens: ['eggs'],
        badges: ['vegetarian'],
        translations: dish(
          ['Rolled omelette', 'A thick, soft rolled omelette'],
          ['卵焼き', 'ふんわり厚焼きの卵焼き'],
          ['鸡蛋卷', '松软厚实的鸡蛋卷'],
        ),
      },
      {
        name: '군만두',
        price: 6500,
        description: '겉은 바삭, 속은 촉촉한 수제 군만두',
        image: 'gun-mandu',
        isAvailable: false,
        allergens: ['wheat', 'pork', 'soybean'],
        translations: dish(
          ['Fried dumplings', 'Handmade dumplings, crisp outside and juicy inside'],
          ['焼き餃子', '外はカリッと中はジューシーな手作り餃子'],
          ['煎饺', '外酥里嫩的手工煎饺'],
        ),
      },
      {
        name: '잔치국수',
        price: 7000,
        description: '멸치 육수에 말아낸 따뜻한 국수',
        image: 'janchi-guksu',
        groups: ['size'],
        allergens: ['wheat', 'eggs', 'soybean'],
        badges: ['new'],
        translations: dish(
          ['Banquet noodles', 'Warm noodles in anchovy broth'],
          ['ジャンチグクス', 'いりこだしの温かい素麺'],
          ['喜面', '鳀鱼汤热面条'],
        ),
      },
    ],
  },
  {
    category: '음료',
    translations: tr('Drinks', 'ドリンク', '饮料'),
    dishes: [
      {
        name: '콜라',
        price: 2000,
        description: '시원한 콜라 355ml',
        image: 'cola',
        translations: dish(
          ['Cola', 'Chilled cola, 355 ml'],
          ['コーラ', '冷たいコーラ 355ml'],
          ['可乐', '冰可乐 355ml'],
        ),
      },
      {
        name: '사이다',
        price: 2000,
        description: '청량한 사이다 355ml',
        image: 'cider',
        translations: dish(
          ['Lemon-lime soda', 'Refreshing soda, 355 ml'],
          ['サイダー', '爽やかなサイダー 355ml'],
          ['雪碧', '清爽汽水 355ml'],
        ),
      },
      {
        name: '식혜',
        price: 3000,
        description: '직접 만든 달콤한 전통 식혜',
        image: 'sikhye',
        translations: dish(
          ['Sikhye', 'Homemade sweet rice punch'],
          ['シッケ', '手作りの甘い伝統米ジュース'],
          ['甜米露', '自制传统甜米露'],
        ),
      },
      {
        name: '아메리카노',
        price: 4000,
        description: '직접 내린 에스프레소에 물을 더한 커피',
        image: 'americano',
        groups: ['temperature', 'shot'],
        badges: ['new'],
        translations: dish(
          ['Americano', 'Freshly pulled espresso with water'],
          ['アメリカーノ', '淹れたてのエスプレッソをお湯で'],
          ['美式咖啡', '现萃浓缩咖啡加水'],
        ),
      },
    ],
  },
  {
    category: '주류',
    translations: tr('Alcohol', 'お酒', '酒类'),
    dishes: [
      {
        name: '소주',
        price: 5000,
        description: '참이슬 360ml',
        image: 'soju',
        translations: dish(['Soju', 'Chamisul, 360 ml'], ['焼酎', 'チャミスル 360ml'], ['烧酒', '真露 360ml']),
      },
      {
        name: '맥주',
        price: 5000,
        description: '생맥주 500cc',
        image: 'beer',
        allergens: ['wheat'],
        translations: dish(['Beer', 'Draft beer, 500 cc'], ['ビール', '生ビール 500cc'], ['啤酒', '生啤 500cc']),
      },
      {
        name: '막걸리',
        price: 6000,
        description: '쌀로 빚은 지평 생막걸리 750ml',
        image: 'makgeolli',
        translations: dish(
          ['Makgeolli', 'Jipyeong unpasteurised rice wine, 750 ml'],
          ['マッコリ', 'お米の生マッコリ 750ml'],
          ['米酒', '地平生米酒 750ml'],
        ),
      },
    ],
  },
];
