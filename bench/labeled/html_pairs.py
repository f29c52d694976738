# ruff: noqa: E501  (data: CJK text counts double width)
"""Saved ChatGPT answer HTML (as in ShareGPT dumps) and the markdown it should become."""

import html

WRAP = '<div class="markdown prose w-full break-words dark:prose-invert light">{}</div>'
SVG = ('<svg stroke="currentColor" fill="none" stroke-width="2" viewBox="0 0 24 24" '
       'class="h-4 w-4" height="1em" width="1em" xmlns="http://www.w3.org/2000/svg">'
       '<path d="M16 4h2a2 2 0 0 1 2 2v14a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2V6"></path>'
       '<rect x="8" y="2" width="8" height="4" rx="1" ry="1"></rect></svg>')


def code_block(lang: str, code: str, spans: dict[str, str] | None = None) -> str:
    """ChatGPT's rendered code block: header with language and Copy button, hljs spans."""
    body = html.escape(code, quote=False)
    for word, cls in (spans or {}).items():
        body = body.replace(word, f'<span class="hljs-{cls}">{word}</span>')
    return ('<pre><div class="bg-black mb-4 rounded-md"><div class="flex items-center relative '
            'text-gray-200 bg-gray-800 px-4 py-2 text-xs font-sans"><span class="">'
            f'{lang}</span><button class="flex ml-auto gap-2">{SVG}Copy code</button></div>'
            '<div class="p-4 overflow-y-auto"><code class="!whitespace-pre hljs '
            f'language-{lang}">{body}</code></div></div></pre>')


PY = "def add(a, b):\n    return a + b\n\nprint(add(1, 2))"
JS = "const xs = [3, 1, 2];\nxs.sort((a, b) => a - b);\nconsole.log(xs);"
SQL = "SELECT name FROM users WHERE age > 18 AND city = 'Beijing';"
CPP = "#include <vector>\nstd::vector<int> v = {1, 2, 3};\nif (v.size() > 2 && v[0] < 5) {}"

HTML_PAIRS = [
    (WRAP.format("<p>光合作用是植物利用光能制造有机物的过程。</p>"),
     "光合作用是植物利用光能制造有机物的过程。"),
    (WRAP.format("<p>步骤如下：</p><ol><li>打开终端</li><li>输入命令</li><li>按回车键</li></ol>"),
     "步骤如下：\n\n1. 打开终端\n2. 输入命令\n3. 按回车键"),
    (WRAP.format("<p>常见的水果有：</p><ul><li>苹果</li><li>香蕉</li></ul><p>都很有营养。</p>"),
     "常见的水果有：\n\n- 苹果\n- 香蕉\n\n都很有营养。"),
    (WRAP.format(f"<p>可以这样写：</p>{code_block('python', PY, {'def': 'keyword'})}"
                 "<p>这个函数返回两个数的和。</p>"),
     f"可以这样写：\n\n```python\n{PY}\n```\n\n这个函数返回两个数的和。"),
    (WRAP.format(f"<p>排序数组：</p>{code_block('javascript', JS, {'const': 'keyword'})}"),
     f"排序数组：\n\n```javascript\n{JS}\n```"),
    (WRAP.format("<p>使用 <code>git status</code> 查看状态，用 <code>git add .</code> 暂存。</p>"),
     "使用 `git status` 查看状态，用 `git add .` 暂存。"),
    (WRAP.format("<p><strong>注意：</strong>请先备份数据，再进行<em>升级</em>操作。</p>"),
     "**注意：**请先备份数据，再进行*升级*操作。"),
    (WRAP.format("<h2>总结</h2><p>多运动，多喝水，早睡早起。</p>"),
     "## 总结\n\n多运动，多喝水，早睡早起。"),
    (WRAP.format("<table><thead><tr><th>城市</th><th>人口</th></tr></thead><tbody><tr><td>北京"
                 "</td><td>2100万</td></tr><tr><td>上海</td><td>2400万</td></tr></tbody></table>"),
     "| 城市 | 人口 |\n| --- | --- |\n| 北京 | 2100万 |\n| 上海 | 2400万 |"),
    (WRAP.format('<p>详情请见<a href="https://docs.python.org/3/" target="_new">官方文档</a>。</p>'),
     "详情请见[官方文档](https://docs.python.org/3/)。"),
    (WRAP.format(f"<p>查询成年用户：</p>{code_block('sql', SQL)}<p>注意 &lt;18 的用户不会返回。</p>"),
     f"查询成年用户：\n\n```sql\n{SQL}\n```\n\n注意 <18 的用户不会返回。"),
    (WRAP.format(f"<p>C++ 示例：</p>{code_block('cpp', CPP)}"),
     f"C++ 示例：\n\n```cpp\n{CPP}\n```"),
    (WRAP.format("<blockquote><p>学而时习之，不亦说乎。</p></blockquote><p>这句话出自《论语》。</p>"),
     "> 学而时习之，不亦说乎。\n\n这句话出自《论语》。"),
    (WRAP.format("<p>第一点很重要。<br>第二点也不能忽视。</p><hr><p>以上是我的建议。</p>"),
     "第一点很重要。\n第二点也不能忽视。\n\n---\n\n以上是我的建议。"),
    ("<p>好的，我来解释一下。</p><p>递归就是函数调用自身。</p>",
     "好的，我来解释一下。\n\n递归就是函数调用自身。"),
    (WRAP.format("<ol><li><p>准备材料</p></li><li><p>开始制作</p></li></ol>"),
     "1. 准备材料\n2. 开始制作"),
]
