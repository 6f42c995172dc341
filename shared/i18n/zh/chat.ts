// 罗i企 chat replies (zh). Keys must match en/chat.ts. A reply is one chat bubble
// (≤ 200 characters, see shared/chat/reply.ts): what the company qualifies for,
// then the single best next question.
export const chat = {
  intro: '您好，我是罗i企，可根据贵公司的情况匹配罗湖区惠企政策。',
  nothingNew: '这句话里没有识别到新的企业信息。',
  noted: '已记录：{items}。',
  itemSeparator: '、',
  eligible: '可享受{count}{measures}政策，如{titles}。',
  eligibleOne: '可享受1{measures}政策：{titles}。',
  /** Every measure the company meets has ended its plan period on the date of the match. */
  eligibleExpired: '符合{count}{measures}政策的条件，但均已过规划期，如{titles}。',
  pending: '另有{count}{measures}需补充信息后确认。',
  unsettled: '暂时还不能确定可享受哪些政策，{count}{measures}待确认。',
  noMatch: '按目前信息，暂未匹配到可享受的政策。',
  measures: { one: '项', other: '项' },
  title: '「{title}」',
  titleSeparator: '',
  ellipsis: '…',
  closing: '如需办理，可联系罗湖区企业服务中心。',
};
