// Every sentence the page's scripts show the reader, in Simplified Chinese.
// It mirrors messages.js key for key, with the same function parameters, so
// the runtime can load either module by the page's language; nothing here
// touches the DOM.
//
// Errors the Python worker reports (and Python's own messages) come from
// there; a sentence here may wrap one, as `error` or `reason`.

// Chinese has no plural forms: a count is the number and its measure word,
// with no space between them ("3天").
const counted = (count, unit) => `${count}${unit}`;
const megabytes = (bytes) => (bytes / 1_000_000).toFixed(1);

export const messages = {
  // A worksheet's status line (worksheets.js).
  worksheet: {
    loading: {
      download: "正在加载Python运行环境（第1步，共3步：下载）……",
      start: "正在加载Python运行环境（第2步，共3步：启动Python）……",
      packages: "正在加载Python运行环境（第3步，共3步：加载练习表）……",
    },
    runtimeFailed: (error) =>
      "生成小结需要Python运行环境，但它没有加载成功" +
      (error ? `（${error}）` : "") +
      "。你的回答仍然保存在本设备上。",
    retry: "重试",
    specMissing: "这份练习表的说明缺失，因此无法生成小结。",
    saved: "已保存在本设备上。",
    savedWithOtherTab: "已保存，并合并了在另一个标签页中保存的回答。",
    updatedFromOtherTab: (deleted, kept, saving) =>
      (deleted ? "回答已在另一个标签页中删除" : "已更新为在另一个标签页中保存的回答") +
      (kept ? `；你在这里做的修改已保留${saving ? "并保存" : ""}。` : "。"),
    kept: (count) =>
      `有${counted(count, "条")}已保存的回答属于本页不再显示的问题；` +
      "它们会被保留，也会包含在导出文件中。",
    stuck:
      "这份练习表已保存的回答无法读取，而且这个浏览器的存储空间已满，无法另存一份副本。" +
      "因此你在这里输入的内容暂时不会被保存。" +
      "你可以把它们下载下来保留，或者丢弃它们重新开始。",
    stuckDownload: "下载无法读取的回答",
    stuckDiscard: "丢弃它们，重新开始",
    stuckDiscarded: "无法读取的回答已丢弃。新的回答会正常保存。",
  },

  // Rounds: one pass through the steps for one rejection (rounds.js, storage.js).
  rounds: {
    firstRound: "首轮",
    defaultLabel: (number) => `第${number}轮`,
    rejectedOn: (date) => `于${date}被拒`,
    where: (number, total, label) => `第${number}轮（共${total}轮）：${label}`,
    barLabel: "你的轮次",
    picker: "显示的轮次",
    pickerOption: (number, label, current) => `${number}. ${label}${current ? "（当前）" : ""}`,
    newRound: "开始新的一轮",
    rename: "重命名这一轮",
    remove: "删除这一轮",
    edit: "编辑这一轮",
    readOnly: "你正在查看之前的一轮，它的回答是只读的。如需修改，请选择“编辑这一轮”。",
    editing: "你正在编辑之前的一轮。你的修改会保存到这一轮中。",
    sharedNote: "投递记录表由所有轮次共用。",
    newHeading: "开始新的一轮",
    renameHeading: "重命名这一轮",
    formIntro:
      "一轮就是针对一次被拒，把六个步骤走一遍。每一项都可以不填。" +
      "新的一轮从空白的练习表开始；你的投递记录表保持不变。",
    label: "这一轮的名称",
    labelHelp: "留空则使用公司和岗位作为名称。",
    company: "公司",
    role: "岗位",
    date: "收到结果的日期",
    create: "开始这一轮",
    saveRename: "保存新名称",
    cancel: "取消",
    created: (label) => `已开始新的一轮：${label}。它的练习表都是空白的。`,
    renamed: (label) => `这一轮现在叫作${label}。`,
    switched: (label) => `现在显示的是${label}这一轮。`,
    confirmTitle: "删除这一轮？",
    confirmDelete: (label) =>
      `这会从这个浏览器中删除“${label}”这一轮及其回答。` +
      "你的其他轮次和投递记录表会保留。此操作无法撤销；" +
      "如果你以后可能还需要这些回答，请先导出。",
    deleteButton: "删除这一轮",
    deleted: (label) => `“${label}”这一轮已删除。`,
    notDeleted: "没有删除任何内容。",
    failed: (problem) => `操作没有成功：${problem}`,
    startFromRow: "为这条投递开始一轮",
    startFromRowLabel: (company) => (company ? `为${company}开始一轮` : "为这条投递开始一轮"),
    updatedElsewhere: "轮次已在另一个标签页中更改。",
    startedElsewhere: (label) =>
      `另一个标签页中开始了新的一轮：${label}。这个标签页仍然显示` + "你正在处理的那一轮。",
    showNewRound: "显示新的一轮",
    nearlyFull: (percent) =>
      `这个浏览器为本指南提供的存储空间已用了${percent}%。` +
      "请导出你的回答留一份副本，或者归档旧的轮次：" +
      "它们会先保存到一个文件中，然后从这个浏览器中移除。",
    full:
      "这个浏览器的存储空间已满，因此你最新的回答还没有保存。" +
      "请导出你的回答，或者归档旧的轮次来腾出空间。",
    exportAll: "导出我的全部回答（.json）",
    archive: "归档旧的轮次",
    archiveNothing: "没有可以归档的旧轮次：这里只有当前这一轮。",
    archived: (count, filename) =>
      `已将${counted(count, "轮")}保存到下载文件夹中的${filename}，` + "并从这个浏览器中移除。",
    exportedTo: (filename) => `你的回答已保存到下载文件夹中的${filename}。`,
    notExported: (reason) => `无法生成文件（${reason}），因此没有移除任何内容。`,
  },

  // Repeatable lists (form.js). `item` is the list's own label for a row.
  lists: {
    defaultItem: "条目",
    add: (item) => `添加${item}`,
    remove: "移除",
    removeLabel: (item, number) => `移除第${number}项${item}`,
    full: (max) => `这个列表已达到最多行数（${max}行）。`,
    added: (item, number) => `已添加第${number}项${item}。`,
    removed: (item, number) => `已移除第${number}项${item}。`,
  },

  // A worksheet's summary (render.js).
  results: {
    unsafeChart: "无法安全地显示这张图表。",
    copyLabel: "可复制的文本",
    copy: "复制",
    copied: "已复制。",
    copyByHand: "请选中文本，再用键盘复制。",
    failed: (message) => `无法生成你的小结：${message}`,
    noSummary: "无法为这份练习表生成小结",
    table: "表格",
  },

  // Why the Python runtime did not load (runtime.js); shown inside
  // `worksheet.runtimeFailed` and the workbook's messages.
  runtime: {
    stopped: "Python运行环境停止了",
    unreadableAnswer: "Python运行环境返回了无法读取的结果",
    noWorker: (detail) => `这个浏览器无法启动后台线程（${detail}）`,
    scriptFailed: "无法加载Python运行环境的脚本",
    unreadableMessage: "Python运行环境发来了无法读取的消息",
    timeout: "已经一分钟没有收到新的内容",
  },

  // What the Python worker reports failing, by its code (worker/worker.mjs,
  // boot.mjs, unzip.mjs; runtime.js describeFailure), with its parameters in
  // order. Shown inside `worksheet.runtimeFailed`, `results.failed` and the
  // workbook's messages; the worker's English detail goes to the console.
  worker: {
    notReady: "Python运行环境还没有准备好",
    pythonFailed: (detail) => `Python运行出错：${detail}`,
    notAPackage: (name) => `页面请求了${name}，但它不是本网站自带的软件包`,
    packageFailed: (name, detail) => `软件包${name}没有加载成功（${detail}）`,
    catalogFailed: (problem) => `本页语言的翻译没有下载成功（${problem}），下次会再试一次`,
    notInRuntime: (name) => `文件${name}不属于本网站的运行环境`,
    lockMismatch: (name, wheel) =>
      `网站的软件包清单与文件不一致（${name}，${wheel}），网站可能正在更新，请稍后再试`,
    missingAfterRestore: (file) => `保存的Python副本缺少文件${file}`,
    zipListDamaged: "练习表软件包的文件清单已损坏",
    zipUnsafeName: (path) => `练习表软件包里有一个名称不安全的文件（${path}）`,
    zipEncrypted: (path) => `练习表软件包里有一个加密的文件（${path}）`,
    zipNeedsZip64: (path) => `练习表软件包里有一个过大、无法读取的文件（${path}）`,
    zipDamagedEntry: (path) => `练习表软件包里有一个已损坏的文件（${path}）`,
    zipTruncatedEntry: (path) => `练习表软件包里有一个不完整的文件（${path}）`,
    notZip: "练习表软件包不是zip压缩文件",
    zipMethod: (path, method) =>
      `练习表软件包里有一个本页面无法解压的文件（${path}，压缩方式${method}）`,
    zipWrongSize: (path) => `练习表软件包里有一个解压后大小不对的文件（${path}）`,
  },

  // Downloading the Python runtime (runtime.js, worksheets.js): progress
  // (the files' own sizes, from the build's runtime-files.js),
  // the question asked when the browser wants to save data, and why a file
  // was refused (the kinds of worker/download.mjs), shown inside
  // `worksheet.runtimeFailed` and the workbook's messages.
  download: {
    progress: (received, total) =>
      "正在加载Python运行环境（第1步，共3步：下载，" +
      `${megabytes(received)} MB / ${megabytes(total)} MB）……`,
    ask: (total) =>
      "生成小结需要Python运行环境：" +
      (total ? `需要下载${megabytes(total)} MB，如果网站启用了压缩会更少` : "需要下载几MB") +
      "。你的浏览器开启了省流量模式，所以在你选择之前不会下载任何内容。" +
      "无论是否下载，你的回答都会保存。",
    agree: (total) => (total ? `下载（${megabytes(total)} MB）` : "下载"),
    network: "下载中断了",
    http: (status) => `服务器返回了${status}`,
    incomplete: (received, size) =>
      `文件下载不完整（${megabytes(received)} MB / ${megabytes(size)} MB）`,
    damaged: "下载的文件已损坏",
  },

  // What went wrong with the answers saved in this browser (storage.js).
  storage: {
    unavailable:
      "这个浏览器不允许本页保存内容，因此回答无法保存在这里：" +
      "离开页面后它们就会丢失。练习表仍然可以正常使用。",
    full:
      "这个浏览器的存储空间已满，因此你最新的回答没有保存。" +
      "它们仍在表单中；离开之前，请复制重要的内容。",
    unreadable: "这份练习表已保存的回答无法读取，因此从空白开始。本设备上保留了它们的一份副本。",
    newer: "这些回答是由更新版本的指南保存的，无法在这里读取。本设备上保留了它们的一份副本。",
    stuck: "没有保存任何内容：这里存储的回答既无法读取，也无法复制。",
    partial: "有些已保存的回答无法读取，因此没有保留。",
    migrated: "由旧版本指南保存的回答已更新为最新格式。",
  },

  // "Forget my answers after N days without a visit" (forget.js).
  forget: {
    forgot: (days, next) =>
      `按照你的设置，你的回答已被删除：这个指南已有${counted(days, "天")}没有在这里打开过。` +
      `自动删除仍然开启；下一个期限是${next}。`,
    warned: (days, next) =>
      `你的回答会在${counted(days, "天")}没有访问后被删除，而这次访问离期限已不到一天。` +
      `回答已保留，计时重新开始：下一个期限是${next}。`,
    turnOff: "保留我的回答：关闭自动删除",
    turnedOff: "自动删除已关闭。你的回答会一直保留，直到你自己删除。",
  },

  // A new version of the site is stored and waits for the reader (offline.js).
  update: {
    ready: "本指南的新版本已准备好。你的回答会保留。",
    reload: "重新加载以使用新版本",
  },
};
