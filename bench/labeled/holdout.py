# ruff: noqa: E501  (data: CJK text counts double width)
"""Held-out items, written after the rules and thresholds were tuned on the main set:
bench/quality.py reports them separately, as an estimate of how the steps do on text
nobody tuned for.

First run, before any change: script tags 1.0, simplified changed 0, residue 0;
language ID 1.0 (19 items of 20+ chars); quality precision 0.917 / recall 1.0 (a
story line "“对不起，我不能…”" taken for a refusal); turn repair precision 0.909 (a
nested HTML list flattened). Both were then fixed (quoted refusals are dialogue;
nested lists stay nested), so these two cases no longer count as held out."""

SCRIPT = [  # (kind, region, text, gold)
    ("simplified", "", "这本书的作者是一位著名的历史学家，他的著作影响深远。", "这本书的作者是一位著名的历史学家，他的著作影响深远。"),
    ("simplified", "", "干部们在会议上讨论了干旱地区的水资源问题。", "干部们在会议上讨论了干旱地区的水资源问题。"),
    ("simplified", "", "他的头发很长，发型很特别，后来去理发店剪短了。", "他的头发很长，发型很特别，后来去理发店剪短了。"),
    ("simplified", "", "什么时候出发？怎么去机场比较方便？", "什么时候出发？怎么去机场比较方便？"),
    ("simplified", "", "这个视频的画质很清晰，下载到文件夹里以后可以离线观看。", "这个视频的画质很清晰，下载到文件夹里以后可以离线观看。"),
    ("simplified", "", "面对困难时，他总是保持着乐观的态度。", "面对困难时，他总是保持着乐观的态度。"),
    ("traditional", "tw", "我用手機下載了一個應用程式，可以查詢公車到站時間。", "我用手机下载了一个应用程序，可以查询公交车到站时间。"),
    ("traditional", "tw", "請問這個網站的隱私權政策在哪裡可以看到？", "请问这个网站的隐私权政策在哪里可以看到？"),
    ("traditional", "tw", "這台筆記型電腦的螢幕解析度是1920x1080。", "这台笔记本电脑的屏幕分辨率是1920x1080。"),
    ("traditional", "tw", "如果伺服器回傳錯誤訊息，請檢查網路設定。", "如果服务器返回错误信息，请检查网络设置。"),
    ("traditional", "tw", "他們週末常常去夜市逛街，買一些小東西。", "他们周末常常去夜市逛街，买一些小东西。"),
    ("traditional", "", "學習是一輩子的事情，不要因為一時的挫折而放棄。", "学习是一辈子的事情，不要因为一时的挫折而放弃。"),
    ("traditional", "", "這座城市的歷史悠久，保留了許多古老的建築。", "这座城市的历史悠久，保留了许多古老的建筑。"),
    ("traditional", "hk", "今日天氣好熱，我哋去海邊游水啦。", "今日天气好热，我哋去海边游水啦。"),
    ("traditional", "hk", "請於辦公時間內致電查詢熱線。", "请于办公时间内致电查询热线。"),
    ("traditional", "hk", "呢個月嘅電費貴咗好多，要慳啲用冷氣。", "呢个月嘅电费贵咗好多，要悭啲用冷气。"),
    ("mixed", "", "我昨天在網上买了一本書，今天就到了。", "我昨天在网上买了一本书，今天就到了。"),
    ("mixed", "", "这个功能在設定裡面可以找到，点击以后會出现一个对话框。", "这个功能在设定里面可以找到，点击以后会出现一个对话框。"),
    ("not_chinese", "", "新幹線の車両が一新され、乗り心地が良くなりました。", "新幹線の車両が一新され、乗り心地が良くなりました。"),
    ("not_chinese", "", "學校 means school in traditional Chinese characters.", "學校 means school in traditional Chinese characters."),
]

LANGID = [  # (text, lang, category)
    ("请问如何在Excel中使用VLOOKUP函数查找另一张表的数据？", "zh", "zh"),
    ("你好，我想了解一下贵公司的退换货政策，商品收到后七天内可以无理由退货吗？", "zh", "zh"),
    ("以下是修改后的版本：\n\n**标题**：春日随笔\n\n春风拂面，柳絮纷飞，又是一年好时节。", "zh", "zh"),
    ("答案：B。解析：根据题意，甲的速度是乙的两倍，所以相遇时甲走了全程的三分之二。", "zh", "zh"),
    ("1. 打开设置\n2. 点击“账户与安全”\n3. 选择“修改密码”并按提示操作", "zh", "zh"),
    ("学而时习之，不亦说乎？有朋自远方来，不亦乐乎？人不知而不愠，不亦君子乎？", "zh", "zh"),
    ("這家餐廳的牛肉麵非常好吃，湯頭濃郁，麵條也很有嚼勁。", "zh", "zh"),
    ("太棒了！🎉🎉 恭喜你顺利通过考试，接下来好好休息一下吧！", "zh", "zh"),
    ("Sure! Here's a Python function that reverses a string: use slicing with a step of -1.", "en", "en"),
    ("I think the main reason is that the company expanded too quickly without enough cash.", "en", "en"),
    ("Dear Mr. Smith, thank you for your email. I will get back to you by Friday.", "en", "en"),
    ("Step 1: Preheat the oven to 180°C. Step 2: Mix the flour and sugar in a large bowl.", "en", "en"),
    ("はい、承知しました。明日の午前中に資料をお送りします。", "ja", "ja"),
    ("この文章を英語に翻訳してください：私は毎朝コーヒーを飲みます。", "ja", "ja"),
    ("東京タワーの高さは333メートルで、完成したのは1958年です。", "ja", "ja"),
    ("日本語能力試験合格者数推移及経済成長率予測値一覧", "ja", "ja"),
    ("네, 알겠습니다. 내일 오전까지 자료를 보내드리겠습니다.", "ko", "ko"),
    ("이 문장을 영어로 번역해 주세요: 저는 매일 아침 커피를 마셔요.", "ko", "ko"),
    ("서울의 인구는 약 천만 명이며 한국에서 가장 큰 도시입니다.", "ko", "ko"),
    ("Python中的list和tuple有什么区别？list是可变的，tuple是不可变的。", "zh", "mixed"),
    ("```bash\npip install numpy pandas\n```\n安装完成后就可以在代码里导入使用了。", "zh", "code"),
    ("SELECT * FROM users WHERE id = 1;", "und", "code"),
    ("<div class=\"box\">这里是文章的正文内容，请仔细阅读。</div>", "zh", "code"),
    ("Hola, ¿cómo estás? Me llamo Juan y vivo en Madrid desde hace tres años.", "es", "other"),
    ("Привет, как дела? Я живу в Москве и работаю программистом.", "ru", "other"),
    ("Je voudrais réserver une table pour deux personnes ce soir, s'il vous plaît.", "fr", "other"),
]

QUALITY = [  # (question, answer, expected rule or None)
    ("帮我写一篇毕业论文。", "很抱歉，我不能帮你写这篇论文，但我可以给你一些写作建议。", "refusal"),
    ("我该怎么起诉我的房东？", "As a language model, I cannot provide legal advice. Please consult a lawyer.", "refusal"),
    ("你会难过吗？", "我只是一个AI助手，没有真实的情感，但我很乐意陪你聊天。", "ai_disclaimer"),
    ("你去过巴黎吗？", "作为一名人工智能，我无法亲身体验旅行，不过巴黎的埃菲尔铁塔和卢浮宫都非常有名。", "ai_disclaimer"),
    ("讲一个关于友谊的故事。", "好的，下面是一个关于友谊的小故事。\n\n从前有两个好朋友，一个叫小明，一个叫小红。他们每天一起上学、一起回家，分享彼此的零食和秘密，直到有一天小明突然告诉小红他要搬到另一个城市去", "truncated"),
    ("如何做好项目管理？", "做好项目管理需要几个步骤。首先，我们需要明确项目的目标和范围；其次，", "truncated"),
    ("说句谢谢。", "谢谢！" * 30, "repeated_ngrams"),
    ("这是什么意思？", "é€™æ˜¯ä¸€å€‹æ¸¬è©¦ï¼Œè«‹å¿½ç•¥é€™æ¢è¨Šæ¯ã€‚", "mojibake"),
    ("写一首诗", "<noinput>", "placeholder"),
    ("请写一篇关于环保的演讲稿。", "请写一篇关于环保的演讲稿", "restates_question"),
    ("给出一个例子", "例子如下：\n```python\nprint('hello')", "unbalanced_code_fence"),
    ("这句话有语病吗？", "无", None),
    ("你对这件事怎么看？", "作为一名老师，我认为应该先听听学生自己的想法，再一起讨论解决办法。", None),
    ("Give an example sentence.", "As an example, consider the following sentence: The cat sat on the mat.", None),
    ("AI语言模型是什么？", "AI语言模型是一种能理解和生成自然语言的人工智能模型，例如GPT系列。", None),
    ("我心情不好。", "I'm sorry to hear that you're feeling down. Talking to a friend or taking a walk might help.", None),
    ("写一段小说对话。", "“对不起，我不能和你一起去了。”小红低下头说。\n小明愣了一下，笑着说：“没关系，下次吧。”", None),
    ("解释一下递归。", "递归是指函数在定义中调用自身的方法。例如计算阶乘时，n! = n × (n-1)!，直到1! = 1为止。", None),
    ("列出三个城市", "北京、上海、广州", None),
    ("写一首五言绝句。", "白日依山尽\n黄河入海流\n欲穷千里目\n更上一层楼", None),
    ("Python怎么读取JSON文件？", "使用内置的json模块：\n```python\nimport json\nwith open('a.json') as f:\n    data = json.load(f)\n```", None),
    ("翻译：Good morning", "早上好", None),
    ("帮我把这段话改得更简洁：由于天气的原因，所以今天的比赛被取消了。", "因天气原因，今天的比赛取消了。", None),
    ("什么是HTTP？", "HTTP（超文本传输协议）是浏览器和服务器之间传输网页数据的协议。", None),
]

REPAIR = [  # (turns as (from, value), expected messages as (role, content) or None, reason)
    ([("Human", "你好"), ("GPT", "你好！有什么可以帮你？")], [("user", "你好"), ("assistant", "你好！有什么可以帮你？")], None),
    ([("human", "写一首诗"), ("gpt", "春眠不觉晓，"), ("human", "继续说下去"), ("gpt", "处处闻啼鸟。")],
     [("user", "写一首诗"), ("assistant", "春眠不觉晓，\n处处闻啼鸟。")], None),
    ([("human", "讲个故事"), ("gpt", "从前有座山。"), ("human", "然后呢？"), ("gpt", "山里有座庙。")],
     [("user", "讲个故事"), ("assistant", "从前有座山。"), ("user", "然后呢？"), ("assistant", "山里有座庙。")], None),
    ([("gpt", "有什么问题？"), ("gpt", "请随时提问。"), ("human", "1+1=?"), ("gpt", "2")],
     [("user", "1+1=?"), ("assistant", "2")], None),
    ([("human", "问题一"), ("gpt", "答案一"), ("gpt", "补充一"), ("gpt", "补充二")],
     [("user", "问题一"), ("assistant", "答案一\n\n补充一\n\n补充二")], None),
    ([("human", "在吗"), ("human", "有个问题"), ("human", "怎么煮米饭？"), ("gpt", "米和水按一比一点二的比例，煮二十分钟。")],
     [("user", "在吗\n\n有个问题\n\n怎么煮米饭？"), ("assistant", "米和水按一比一点二的比例，煮二十分钟。")], None),
    ([("human", "你好"), ("gpt", "")], None, "unrepairable"),
    ([("human", "问题"), ("gpt", "<div class=\"markdown prose\"><ul><li><p>第一点</p><ul><li>细节A</li></ul></li><li>第二点</li></ul></div>")],
     [("user", "问题"), ("assistant", "- 第一点\n  - 细节A\n- 第二点")], None),
    ([("human", "给段代码"), ("gpt", "<div class=\"markdown prose\"><pre><code>x = 1\nprint(x)</code></pre></div>")],
     [("user", "给段代码"), ("assistant", "```\nx = 1\nprint(x)\n```")], None),
    ([("human", "2 / 2请解释量子计算"), ("gpt", "量子计算利用量子比特的叠加和纠缠进行计算。")],
     [("user", "请解释量子计算"), ("assistant", "量子计算利用量子比特的叠加和纠缠进行计算。")], None),
    ([("human", "继续"), ("gpt", "好的，请问要继续什么内容？")],
     [("user", "继续"), ("assistant", "好的，请问要继续什么内容？")], None),
    ([("human", "A"), ("gpt", "B"), ("human", "C"), ("gpt", " "), ("human", "D")],
     [("user", "A"), ("assistant", "B")], None),
]
