// Case workflow text (zh). Keys must match en/cases.ts.
export const cases = {
  status: {
    new: '新建',
    triaged: '已分派',
    contacted: '已联系',
    applying: '申报中',
    approved: '已获批',
    declined: '未获批',
    withdrawn: '已撤回',
    closed: '已结案',
  },
  problems: {
    authenticationRequired: {
      title: '需要身份凭证',
      detail: '请使用工作人员令牌（Authorization: Bearer …），或以 ?token= 提供本事项的访问令牌。',
    },
    invalidCredentials: { title: '身份凭证无效', detail: '令牌无效或已过期。' },
    accessDenied: { title: '无权执行此操作', detail: '此操作仅限相关部门的工作人员。' },
    staffWithoutDepartment: { title: '令牌未注明所属部门', detail: '工作人员令牌须注明所属部门。' },
    otherDepartment: {
      title: '只能查看本部门的事项',
      detail: '您只能查看本部门（{department}）的服务事项。',
    },
    caseNotFound: { title: '未找到该服务事项', detail: '事项 {id} 不存在，或您无权查看。' },
    preconditionRequired: {
      title: '缺少 If-Match 请求头',
      detail: '修改事项时须在 If-Match 中带上获取事项时的 ETag，例如 If-Match: "3"。',
    },
    versionConflict: {
      title: '事项已被修改',
      detail: '事项已不是版本 {version}，请重新获取后再修改。',
    },
    invalidTransition: {
      title: '不允许的状态变更',
      detail: '事项不能从「{from}」变为「{to}」。可变更为：{allowed}。',
    },
    noFurtherStatus: '无（已结案）',
    idempotencyKeyMissing: {
      title: '缺少 Idempotency-Key 请求头',
      detail: '创建事项须带 Idempotency-Key 请求头，以便重试时不重复创建。',
    },
    idempotencyKeyInvalid: {
      title: 'Idempotency-Key 不可用',
      detail: 'Idempotency-Key 须为 16 至 255 个可见 ASCII 字符，建议使用 UUID。',
    },
    idempotencyConflict: {
      title: 'Idempotency-Key 已用于另一请求',
      detail: '同一 Idempotency-Key 只能用于内容相同的请求；新的请求请使用新的键。',
    },
    unknownPolicies: { title: '未知的政策条款', detail: '以下政策编号不在目录中：{ids}。' },
    invalidCursor: { title: '分页游标无效', detail: '请使用上一页返回的 nextCursor。' },
    catalogVersionUnavailable: {
      title: '目录版本不可用',
      detail: '事项所依据的目录版本 {version} 无法读取，无法重算。',
    },
    storeUnavailable: { title: '服务暂时不可用', detail: '数据存储暂时不可用，请稍后重试。' },
  },
  replay: {
    identical: '重算结果与记录一致（目录版本 {catalogVersion}，评估日期 {asOf}）。',
    different: '重算结果与记录有 {count} 处不同（目录版本 {catalogVersion}，评估日期 {asOf}）。',
  },
};
