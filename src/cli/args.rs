//! The command line's arguments: every command, flag and value, as clap reads them.

use clap::{Parser, Subcommand, ValueEnum};
use fzlint::resolve::{Choices, Mode, Resolver};
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "fzlint",
    // The version names the built-in rule pack too (read from rules/pack.yaml by build.rs).
    version = concat!(env!("CARGO_PKG_VERSION"), " (规则包 ", env!("FZLINT_PACK_VERSION"), ")"),
    about = "法治政府建设年度报告检查工具",
    // Help in Chinese: clap's own --help, --version and help subcommand are replaced
    // (see `localised` in cli/mod.rs for the headings).
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// 显示帮助
    #[arg(short = 'h', long, action = clap::ArgAction::Help, global = true)]
    help: Option<bool>,
    /// 显示版本
    #[arg(short = 'V', long, action = clap::ArgAction::Version)]
    version: Option<bool>,
}

#[derive(Subcommand)]
pub enum Command {
    /// 检查报告（文件、含 .txt/.md/.docx/.html 的文件夹，或 - 表示标准输入）
    Check(CheckArgs),
    /// 一批报告的总览：谁缺了什么、谁逾期（HTML 或 CSV）
    Report(ReportArgs),
    /// 显示 fzlint 从一份报告中读出的结构
    Outline(OutlineArgs),
    /// 列出全部规则
    Rules {
        /// 输出格式（human 或 json）
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
        #[command(flatten)]
        rules: RuleArgs,
    },
    /// 显示对一份报告（或一个文件夹中的报告）生效的设置
    Config(ConfigArgs),
    /// 在当前文件夹写一个带说明的 .fzlint.yaml 起步配置
    Init,
    /// 输出配置文件（.fzlint.yaml）、规则文件或规则包文件的 JSON Schema
    Schema {
        /// config（配置文件）、rule（规则文件）或 pack（规则包文件 pack.yaml）
        #[arg(value_enum)]
        which: SchemaKind,
    },
    /// 输出命令行补全脚本（bash、zsh、fish、powershell、elvish）
    Completions {
        /// 命令行外壳
        shell: clap_complete::Shell,
    },
    /// 本地检查页：粘贴或拖入报告，在原文上看问题
    Serve(ServeArgs),
    /// 说明一条规则：理由、依据、参数和示例
    Rule {
        /// 规则 id（fzlint rules 列出全部）
        id: String,
        #[command(flatten)]
        rules: RuleArgs,
    },
    /// 运行规则文件夹中每条规则（含覆盖文件）的示例，逐个说明是否符合预期；不给文件夹时运行内置规则的示例
    TestRules {
        /// 规则文件夹（其中的 *.yaml）
        #[arg(value_name = "DIR")]
        dirs: Vec<PathBuf>,
    },
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum Format {
    /// 给人看的，带原文摘录
    Human,
    /// 每个问题一行
    Concise,
    /// JSON，供脚本使用
    Json,
    /// GitHub Actions 工作流命令（注释）
    Github,
    /// SARIF 2.1.0（GitHub 代码扫描等工具）
    Sarif,
    /// JUnit XML，每份报告一个测试用例
    Junit,
    /// GitLab 代码质量报告（合并请求中显示）
    Gitlab,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum Level {
    Info,
    Warning,
    Error,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum OverviewFormat {
    /// 一个独立网页（不依赖其他文件），可用 A4 打印
    Html,
    /// 每份报告一行，带 BOM 的 UTF-8，便于电子表格打开
    Csv,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum SchemaKind {
    Config,
    Rule,
    /// 规则包文件（pack.yaml）
    Pack,
}

#[derive(clap::Args)]
pub struct OutlineArgs {
    /// 报告文件
    pub path: PathBuf,
    /// 输出格式（human 或 json）
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
    /// 标题没有写年份时，按这个报告年度读
    #[arg(long, value_name = "YEAR", value_parser = clap::value_parser!(i32).range(1949..=2200))]
    pub year: Option<i32>,
    /// 列出 Word 文档每段的有效字体和字号（按样式链、主题字体和直接设置计算）
    #[arg(long)]
    pub fonts: bool,
    /// 使用这个规则包（内置 id 或规则包文件夹）；不给时按报告的标题选择
    #[arg(long, value_name = "ID|DIR")]
    pub pack: Option<String>,
}

#[derive(clap::Args)]
pub struct ConfigArgs {
    /// 报告文件或文件夹
    #[arg(default_value = ".")]
    pub path: PathBuf,
    /// 输出格式（human 或 json）
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
    #[command(flatten)]
    pub rules: RuleArgs,
    /// 使用这个配置文件（而不是最近的 .fzlint.yaml）
    #[arg(long, value_name = "FILE", conflicts_with = "isolated")]
    pub config: Option<PathBuf>,
    /// 不使用任何配置文件
    #[arg(long)]
    pub isolated: bool,
}

#[derive(clap::Args)]
pub struct RuleArgs {
    /// 把这个文件夹中的规则文件（*.yaml）加入内置规则
    #[arg(long = "rules", value_name = "DIR")]
    pub rules: Vec<PathBuf>,
    /// 使用这个规则包：内置的 fazhi（法治政府建设年度报告）、xxgk（政府信息公开工作年度报告），或自己的规则包文件夹（内含 pack.yaml）；不给时按每份报告的标题选择
    #[arg(long, value_name = "ID|DIR")]
    pub pack: Option<String>,
}

#[derive(clap::Args)]
pub struct CheckArgs {
    /// 报告文件或文件夹（- 表示标准输入）
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// 输出格式
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
    #[command(flatten)]
    pub rules: RuleArgs,
    /// 只运行这些规则（规则 id 或类别；可重复或用逗号分隔）
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    pub select: Vec<String>,
    /// 不运行这些规则（规则 id 或类别）
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    pub ignore: Vec<String>,
    /// 不显示低于这个级别的问题
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub min_severity: Option<Level>,
    /// 有警告也以退出码 1 结束
    #[arg(long)]
    pub deny_warnings: bool,
    /// 有问题也以退出码 0 结束（退出码 2 仍表示 fzlint 未能完成检查）
    #[arg(long)]
    pub exit_zero: bool,
    /// 只显示每条规则发现的问题数
    #[arg(long)]
    pub statistics: bool,
    /// 把输出写入这个文件，而不是标准输出
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// 标准输入（-）在输出中使用的文件名
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,
    /// 何时使用颜色
    #[arg(long, value_enum, default_value = "auto")]
    pub color: ColorChoice,
    /// 同 --color never
    #[arg(long)]
    pub no_color: bool,
    /// 对 .txt 和 .md 文件做安全的自动修改（重新编号、标题编号后的空格、日期前导零），
    /// 再报告其余问题
    #[arg(long, conflicts_with = "diff")]
    pub fix: bool,
    /// 以 diff 形式显示 --fix 会改什么，不改文件
    #[arg(long)]
    pub diff: bool,
    /// 不报告这个基线文件中已记录的问题
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// 把问题记录到这个基线文件（覆盖原文件），不报告
    #[arg(long, value_name = "FILE", conflicts_with_all = ["baseline", "fix", "diff", "output"])]
    pub write_baseline: Option<PathBuf>,
    /// 与 --baseline 同用：报告已不再出现的基线记录（退出码 1）
    #[arg(long, requires = "baseline")]
    pub report_unused_baseline: bool,
    #[command(flatten)]
    pub run: RunArgs,
}

/// What `check` and `report` share: the settings a run uses and how it reads files.
#[derive(clap::Args)]
pub struct RunArgs {
    /// 列出文件夹中因不像是报告而跳过的文件（如说明文件、笔记）
    #[arg(long, short = 'v')]
    pub verbose: bool,
    /// 标题没有写年份时，按这个报告年度检查
    #[arg(long, value_name = "YEAR", value_parser = clap::value_parser!(i32).range(1949..=2200))]
    pub year: Option<i32>,
    /// 本批报告应报的年度（审阅单位批量检查时）：其他年度的报告在标题处提示一次
    #[arg(long, value_name = "YEAR", value_parser = clap::value_parser!(i32).range(1949..=2200))]
    pub expect_year: Option<i32>,
    /// 所有报告都使用这个配置文件（而不是最近的 .fzlint.yaml）
    #[arg(long, value_name = "FILE", conflicts_with = "isolated")]
    pub config: Option<PathBuf>,
    /// 不使用任何配置文件
    #[arg(long)]
    pub isolated: bool,
    /// 同时运行试行中的规则（fzlint rules 中有标注）
    #[arg(long)]
    pub preview: bool,
    /// 同时检查的文件数（0：每个处理器核心一个）；输出与数目无关
    #[arg(short = 'j', long, value_name = "N", default_value_t = 0)]
    pub threads: usize,
    /// 同一文件中一条规则最多逐条列出的问题数，其余合并为一条（默认 50，0 表示全部列出）
    #[arg(long, value_name = "N")]
    pub max_findings_per_rule: Option<usize>,
    /// 按这个编码读取文本、Markdown 和网页文件，不自动识别（utf-8、gbk、gb18030、big5、utf-16le、utf-16be）
    #[arg(short = 'E', long, value_name = "NAME", value_parser = fzlint::input::encoding_named)]
    pub encoding: Option<&'static encoding_rs::Encoding>,
    /// 拒绝检查大于这么多 MB 的文件（默认 20）
    #[arg(long, value_name = "MB", default_value_t = 20, value_parser = clap::value_parser!(u64).range(1..=4096))]
    pub max_file_size: u64,
}

#[derive(clap::Args)]
pub struct ReportArgs {
    /// 报告文件或文件夹
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// html 或 csv（-o 指定 .csv 文件时默认 csv）
    #[arg(long, value_enum)]
    pub format: Option<OverviewFormat>,
    /// 把总览写入这个文件，而不是标准输出
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// 应报送单位名单（UTF-8 或 GBK；每行一个单位，或 CSV：第一列单位名称，其余列为别称）：
    /// 总览列出未报送的单位。也可在 .fzlint.yaml 中写 roster:
    #[arg(long, value_name = "FILE")]
    pub roster: Option<PathBuf>,
    /// 为每份未通过的报告在这个文件夹中写一份退回意见或审核意见（.txt 和 .docx），总览中有链接
    #[arg(long, value_name = "DIR")]
    pub notices: Option<PathBuf>,
    /// 审核意见落款的审核单位（也是联系单位），如“某县司法局”。也可在 .fzlint.yaml 中写 office:
    #[arg(long, value_name = "NAME", requires = "notices")]
    pub office: Option<String>,
    /// 覆盖 --notices 文件夹中已有的意见（默认不覆盖内容不同的文件，并提示）
    #[arg(long, requires = "notices")]
    pub overwrite_notices: bool,
    /// 上一年度报告所在的文件夹：照抄上一年度（全文、存在的不足、下一年度安排）的报告给出提示。也可在 .fzlint.yaml 中写 previous:
    #[arg(long, value_name = "DIR")]
    pub previous: Option<PathBuf>,
    /// 较短一份报告的正文有这个百分比出现在另一份中（不计空格、标点、数字和单位名称）时视为内容雷同；默认取规则 copied-text 的 threshold 参数（内置为 50）
    #[arg(long, value_name = "PCT", value_parser = clap::value_parser!(u8).range(1..=100))]
    pub copy_threshold: Option<u8>,
    #[command(flatten)]
    pub rules: RuleArgs,
    #[command(flatten)]
    pub run: RunArgs,
}

#[derive(clap::Args)]
pub struct ServeArgs {
    /// 监听的地址（端口 0：任一空闲端口；输出的第一行是网址）
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "HOST:PORT")]
    pub addr: String,
    /// 不自动打开浏览器
    #[arg(long)]
    pub no_open: bool,
    /// 访问页面和接口须带这个口令（Authorization: Bearer T 或 ?token=T）
    #[arg(long, value_name = "T")]
    pub token: Option<String>,
    /// 使用这个配置文件（而不是当前文件夹向上最近的 .fzlint.yaml）
    #[arg(long, value_name = "FILE", conflicts_with = "isolated")]
    pub config: Option<PathBuf>,
    /// 不使用任何配置文件
    #[arg(long)]
    pub isolated: bool,
    #[command(flatten)]
    pub rules: RuleArgs,
    /// 同时检查的报告数（其余的排队等候，最多再排 32 个）
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..=64))]
    pub workers: u16,
    /// 读完一个请求体（上传的报告）的时限，秒；发送回答时客户端停止接收的时限也是它
    #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub timeout: u64,
    /// 读完一个请求头的时限，秒（连接空闲等待下一个请求时也用它）
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub header_timeout: u64,
    /// 同时打开的连接数上限（其余的在系统队列中等候）
    #[arg(long, default_value_t = 256, value_parser = clap::value_parser!(u32).range(1..=65536))]
    pub max_connections: u32,
    /// 也接受来自这个来源的 POST 请求（如 http://内网主机名:8080；默认只接受同源请求），可重复
    #[arg(long, value_name = "ORIGIN")]
    pub allow_origin: Vec<String>,
    /// 也接受这个主机名作为请求的 Host（默认只接受本机地址、localhost 和监听的地址），可重复
    #[arg(long, value_name = "NAME")]
    pub allow_host: Vec<String>,
    /// 在本机以外的地址上监听而不设 --token（任何能连到本机的人都能使用检查页）
    #[arg(long, conflicts_with = "token")]
    pub insecure_no_token: bool,
}

/// Which config governs the files: the one named, none, or the nearest to each.
pub fn config_mode(config: &Option<PathBuf>, isolated: bool) -> Mode {
    match (config, isolated) {
        (Some(c), _) => Mode::Fixed(c.clone()),
        (None, true) => Mode::Isolated,
        (None, false) => Mode::Discover,
    }
}

impl RunArgs {
    /// What governs each file of a run: the rule folders, pack and config given, and the
    /// command line's choices (`select` and `ignore` are `check`'s).
    pub fn resolver(&self, rules: &RuleArgs, select: &[String], ignore: &[String]) -> Resolver {
        Resolver::new(
            &rules.rules,
            config_mode(&self.config, self.isolated),
            Choices {
                select: select.to_vec(),
                ignore: ignore.to_vec(),
                preview: self.preview,
                year: self.year,
                expect_year: self.expect_year,
                max_findings: self.max_findings_per_rule,
                pack: rules.pack.clone(),
                by_title: true,
            },
        )
    }
}
