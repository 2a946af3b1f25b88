<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>BatchPanel</name>
    <message>
        <location filename="../ui/lessons/batch.py" line="+165"/>
        <source>Batches and the class axis</source>
        <extracomment>The ``axis`` of :func:`~explorer.core.lessons.batch_report` for each ``softmax_axis``. PyTorch&apos;s default ignore_index: typed as a label, it always means &quot;ignored&quot;. A sum this close to 1 counts as 1 (rounding of the softmax).</extracomment>
        <translation>批量与类别轴</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Softmax axis</source>
        <translation>Softmax 轴</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>What softmax normalises: each row&apos;s classes (PyTorch&apos;s dim=-1, right), each column&apos;s samples (dim=0) or the whole array (scipy.special.softmax&apos;s default)</source>
        <translation>softmax 对什么归一化：每一行的各类别（PyTorch 的 dim=-1，正确做法）、每一列的各样本（dim=0），或整个数组（scipy.special.softmax 的默认行为）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>each row: the classes (dim=-1)</source>
        <translation>每一行：各类别（dim=-1）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>each column: the samples (dim=0)</source>
        <translation>每一列：各样本（dim=0）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the whole array (SciPy&apos;s axis=None)</source>
        <translation>整个数组（SciPy 的 axis=None）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Reduction</source>
        <translation>归约方式</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>mean: Σ lₙ / Σ w[yₙ] over the rows not ignored (a weighted mean); sum: Σ lₙ</source>
        <translation>mean：对未被忽略的行求 Σ lₙ / Σ w[yₙ]（加权平均）；sum：Σ lₙ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>mean</source>
        <translation>mean</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>sum</source>
        <translation>sum</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+8"/>
        <source>ignore_index</source>
        <translation>ignore_index</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>A label equal to it leaves its row out of the loss (PyTorch&apos;s -100)</source>
        <translation>标签等于该值的行不计入损失（PyTorch 默认为 -100）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>softmax over</source>
        <translation>softmax 作用于</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>reduction</source>
        <translation>归约</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Batch logits, labels and row losses</source>
        <translation>批量的 logits、标签和各行损失</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Add row</source>
        <translation>添加行</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add a sample (at most {limit})</source>
        <translation>添加一个样本（最多 {limit} 个）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Remove row</source>
        <translation>删除行</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove the selected sample (the last if none)</source>
        <translation>删除选中的样本（未选中时删除最后一个）</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Softmax of the batch, with sums</source>
        <translation>批量的 softmax 及其求和</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>class weights w</source>
        <translation>类别权重 w</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No weights</source>
        <translation>无权重</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>weight=None: every class weighs 1</source>
        <translation>weight=None：每个类别的权重均为 1</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Weight of class {index}</source>
        <translation>类别 {index} 的权重</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>w[{index}]: multiplies the loss of every row labelled {name}</source>
        <translation>w[{index}]：乘以每个标签为 {name} 的行的损失</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>label y</source>
        <translation>标签 y</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>loss lₙ</source>
        <translation>损失 lₙ</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Σ row</source>
        <translation>Σ 行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Σ column</source>
        <translation>Σ 列</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>ignored</source>
        <translation>已忽略</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>ignored: the label equals ignore_index</source>
        <translation>已忽略：标签等于 ignore_index</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>logits x: {rows} samples × {count} classes</source>
        <translation>logits x：{rows} 个样本 × {count} 个类别</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>softmax(x, dim=-1): each row sums to 1</source>
        <translation>softmax(x, dim=-1)：每行之和为 1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>softmax(x, dim=0): each column sums to 1</source>
        <translation>softmax(x, dim=0)：每列之和为 1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>scipy.special.softmax(x): the whole array sums to 1</source>
        <translation>scipy.special.softmax(x)：整个数组之和为 1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>F.cross_entropy(x, y, weight={weight}, ignore_index={ignore}, reduction=&apos;{reduction}&apos;)</source>
        <translation>F.cross_entropy(x, y, weight={weight}, ignore_index={ignore}, reduction=&apos;{reduction}&apos;)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{call} = Σ lₙ / Σ w[yₙ] = {numerator} / {denominator} = &lt;b&gt;{loss}&lt;/b&gt;</source>
        <translation>{call} = Σ lₙ / Σ w[yₙ] = {numerator} / {denominator} = &lt;b&gt;{loss}&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{call} = Σ lₙ = &lt;b&gt;{loss}&lt;/b&gt;</source>
        <translation>{call} = Σ lₙ = &lt;b&gt;{loss}&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The same −Σ w[yₙ] log p[n, yₙ] on this table would give {loss}: its rows are not each sample&apos;s distribution over the classes.</source>
        <translation>在这张表上计算同样的 −Σ w[yₙ] log p[n, yₙ] 会得到 {loss}：它的每一行并不是各样本在类别上的分布。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Rows are samples and columns classes: softmax over each row (PyTorch&apos;s dim=-1) makes every row a distribution (Σ row = 1), and the shaded cell is the probability of the row&apos;s label.</source>
        <translation>行是样本，列是类别：对每一行做 softmax（PyTorch 的 dim=-1）使每一行成为一个分布（Σ 行 = 1），阴影单元格是该行标签的概率。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Softmax over {axis} is the common mistake: the rows now sum to between {low} and {high}, not 1, so a row is no longer the model&apos;s distribution for that sample.</source>
        <translation>对{axis}做 softmax 是常见错误：此时各行之和在 {low} 到 {high} 之间，而不是 1，因此一行不再是模型对该样本给出的分布。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the samples (dim=0)</source>
        <translation>各样本（dim=0）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the whole array (SciPy&apos;s default)</source>
        <translation>整个数组（SciPy 的默认行为）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Each row&apos;s loss is −w[yₙ]·log p[n, yₙ]; {ignored} of {rows} rows are ignored, and &apos;mean&apos; divides their sum {numerator} by the weights of the rows kept, {denominator}, not by N: the loss is {loss}.</source>
        <translation>每行的损失为 −w[yₙ]·log p[n, yₙ]；{rows} 行中有 {ignored} 行被忽略，&apos;mean&apos; 将损失之和 {numerator} 除以保留各行的权重之和 {denominator}，而不是除以 N：损失为 {loss}。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Each row&apos;s loss is −w[yₙ]·log p[n, yₙ]; {ignored} of {rows} rows are ignored (0), and &apos;sum&apos; adds the rest: the loss is {loss}.</source>
        <translation>每行的损失为 −w[yₙ]·log p[n, yₙ]；{rows} 行中有 {ignored} 行被忽略（记为 0），&apos;sum&apos; 将其余各行相加：损失为 {loss}。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>ignore_index must be a whole number.</source>
        <translation>ignore_index 必须是整数。</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>A label must be a whole number.</source>
        <translation>标签必须是整数。</translation>
    </message>
</context>
<context>
    <name>BinaryPanel</name>
    <message>
        <location filename="../ui/lessons/binary.py" line="+163"/>
        <source>The binary case</source>
        <extracomment>Points of each curve along the margin. Half-widths the margin axis may take are these times a power of ten (from 10 up): the smallest that holds the current margin (with a little room) is used, so a drag redraws the curves only when it outgrows one. Room beyond the current margin, as a fraction of it. Pixels each plot keeps however small its dock. BCELoss never reads more than this: ``-BCE_LOG_CLAMP``. The rows of the numbers, in order.</extracomment>
        <translation>二分类情形</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+13"/>
        <source>pos_weight</source>
        <translation>pos_weight</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>pos_weight of BCEWithLogitsLoss (0.01 to 100): multiplies the loss of the positive class (class 0)</source>
        <translation>BCEWithLogitsLoss 的 pos_weight（0.01 到 100）：乘以正类（类别 0）的损失</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Sigmoid of the margin</source>
        <translation>间隔的 sigmoid</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>σ(x)</source>
        <translation>σ(x)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>BCELoss and BCEWithLogitsLoss</source>
        <translation>BCELoss 与 BCEWithLogitsLoss</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>BCELoss clamp: 100</source>
        <translation>BCELoss 截断：100</translation>
    </message>
    <message>
        <location line="+110"/>
        <source>BCELoss(σ(x), y)</source>
        <extracomment>``names[key]`` and ``values[key]`` per row of :data:`ROWS`.</extracomment>
        <translation>BCELoss(σ(x), y)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>BCEWithLogitsLoss(x, y)</source>
        <translation>BCEWithLogitsLoss(x, y)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>… with pos_weight {weight}</source>
        <translation>… pos_weight 为 {weight}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>margin x = (z&lt;sub&gt;0&lt;/sub&gt; − z&lt;sub&gt;1&lt;/sub&gt;) / T</source>
        <translation>间隔 x = (z&lt;sub&gt;0&lt;/sub&gt; − z&lt;sub&gt;1&lt;/sub&gt;) / T</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>margin x = z&lt;sub&gt;0&lt;/sub&gt; − z&lt;sub&gt;1&lt;/sub&gt;</source>
        <translation>间隔 x = z&lt;sub&gt;0&lt;/sub&gt; − z&lt;sub&gt;1&lt;/sub&gt;</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The binary case needs exactly 2 classes (now K = {count}); set K to 2.</source>
        <translation>二分类情形恰好需要 2 个类别（当前 K = {count}）；请将 K 设为 2。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Margin {margin}: sigmoid {sigmoid}, BCELoss {bce}, BCEWithLogitsLoss {logits}</source>
        <translation>间隔 {margin}：sigmoid {sigmoid}，BCELoss {bce}，BCEWithLogitsLoss {logits}</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>softmax([z&lt;sub&gt;0&lt;/sub&gt;, z&lt;sub&gt;1&lt;/sub&gt;])&lt;sub&gt;0&lt;/sub&gt;</source>
        <translation>softmax([z&lt;sub&gt;0&lt;/sub&gt;, z&lt;sub&gt;1&lt;/sub&gt;])&lt;sub&gt;0&lt;/sub&gt;</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>σ(x) = 1 / (1 + e&lt;sup&gt;−x&lt;/sup&gt;)</source>
        <translation>σ(x) = 1 / (1 + e&lt;sup&gt;−x&lt;/sup&gt;)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>BCELoss(σ(x), y = {target})</source>
        <translation>BCELoss(σ(x), y = {target})</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&lt;b&gt;{value}&lt;/b&gt;: its log clamped at −100 (it was {term})</source>
        <translation>&lt;b&gt;{value}&lt;/b&gt;：其 log 被截断在 −100（原为 {term}）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>BCEWithLogitsLoss(x, y = {target})</source>
        <translation>BCEWithLogitsLoss(x, y = {target})</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>… with pos_weight = {weight}</source>
        <translation>… pos_weight = {weight} 时</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{value} (pos_weight weighs only y = 1)</source>
        <translation>{value}（pos_weight 只对 y = 1 加权）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>With two classes softmax is the sigmoid of the margin z&lt;sub&gt;0&lt;/sub&gt; − z&lt;sub&gt;1&lt;/sub&gt;, and cross-entropy is binary cross-entropy. Set the number of classes to 2 to see it.</source>
        <translation>只有两个类别时，softmax 就是间隔 z&lt;sub&gt;0&lt;/sub&gt; − z&lt;sub&gt;1&lt;/sub&gt; 的 sigmoid，交叉熵就是二元交叉熵。将类别数设为 2 即可看到。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Two classes need one number, the margin x = {margin}: softmax([z&lt;sub&gt;0&lt;/sub&gt;, z&lt;sub&gt;1&lt;/sub&gt;])&lt;sub&gt;0&lt;/sub&gt; = σ(x) = {sigmoid}.</source>
        <translation>两个类别只需要一个数，即间隔 x = {margin}：softmax([z&lt;sub&gt;0&lt;/sub&gt;, z&lt;sub&gt;1&lt;/sub&gt;])&lt;sub&gt;0&lt;/sub&gt; = σ(x) = {sigmoid}。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>BCELoss takes the rounded σ(x) and clamps its log at −100, so it reads {bce} here while BCEWithLogitsLoss, computed from x itself, gives the true {logits}.</source>
        <translation>BCELoss 使用舍入后的 σ(x)，并把其 log 截断在 −100，因此这里显示 {bce}；而直接由 x 计算的 BCEWithLogitsLoss 给出真实值 {logits}。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Both losses read {logits} here; drag the margin below −100 and BCELoss, which clamps its log at −100, stops at 100 while BCEWithLogitsLoss keeps growing.</source>
        <translation>两个损失在这里都是 {logits}；把间隔拖到 −100 以下，log 被截断在 −100 的 BCELoss 会停在 100，而 BCEWithLogitsLoss 继续增大。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Both losses read {logits} here; past a margin of about 37, σ(x) rounds to 1, so BCELoss&apos;s log(1 − σ) is −inf, clamped to −100: it reads 100 there while BCEWithLogitsLoss gives the true loss.</source>
        <translation>两个损失在这里都是 {logits}；间隔超过约 37 时，σ(x) 舍入为 1，于是 BCELoss 的 log(1 − σ) 为 −inf，被截断为 −100：此时它显示 100，而 BCEWithLogitsLoss 给出真实的损失。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{first} {second}</source>
        <translation>{first}{second}</translation>
    </message>
</context>
<context>
    <name>ClassCountBox</name>
    <message>
        <location filename="../ui/logit_editor.py" line="+119"/>
        <source>Please type the number of classes, {low} to {high}.</source>
        <extracomment>A logit&apos;s label and shorter ones (for when labels would touch): with three decimals for up to 8 classes, two for more. A count as typed: ASCII digits only (``int`` would take &quot;1_0&quot; and other scripts&apos; digits).</extracomment>
        <translation>请输入类别数，{low} 到 {high}。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>“{text}” is not a whole number: type the number of classes, {low} to {high}.</source>
        <translation>“{text}”不是整数：请输入类别数，{low} 到 {high}。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{count} classes is out of range: K is {low} to {high}.</source>
        <translation>{count} 个类别超出范围：K 的取值为 {low} 到 {high}。</translation>
    </message>
</context>
<context>
    <name>CurvesView</name>
    <message>
        <location filename="../ui/lab/curves_view.py" line="+63"/>
        <source>Training curves</source>
        <extracomment>(key, Snapshot attribute, plot, colour, dash) of every curve.</extracomment>
        <translation>训练曲线</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>train loss</source>
        <extracomment>The curves&apos; numbers so far: steps and one array per curve (grown, not rebuilt).</extracomment>
        <translation>训练损失</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>data part</source>
        <translation>数据项</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>regularisation part</source>
        <translation>正则化项</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>validation loss</source>
        <translation>验证损失</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>train accuracy</source>
        <translation>训练准确率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>validation accuracy</source>
        <translation>验证准确率</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>step</source>
        <translation>步数</translation>
    </message>
</context>
<context>
    <name>DistillationPanel</name>
    <message>
        <location filename="../ui/lessons/distillation.py" line="+155"/>
        <source>Temperature and distillation</source>
        <extracomment>The temperatures of the &quot;why T^2&quot; table (the state&apos;s own T is a column of its own). Steps of the alpha slider over [0, 1]. Width of each of a class&apos;s two bars (classes are 1 apart). Classes up to which each bar carries its value. A bar&apos;s value label, then shorter ones for when the longer labels would touch. Colours of fields, table headers and borders in each theme (text is the theme&apos;s).</extracomment>
        <translation>温度与知识蒸馏</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>teacher t</source>
        <translation>教师 t</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>student s</source>
        <translation>学生 s</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Reset teacher</source>
        <translation>重置教师</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reset the teacher&apos;s logits</source>
        <translation>重置教师模型的 logits</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Back to the default teacher: the default logits, twice as far apart</source>
        <translation>恢复默认教师模型：默认 logits，间距加倍</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Soft targets and the student&apos;s probabilities</source>
        <translation>软目标与学生模型的概率</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>probability at T</source>
        <translation>温度 T 下的概率</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>‖∂/∂s‖</source>
        <translation>‖∂/∂s‖</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Length of the gradient on the student&apos;s logits</source>
        <translation>学生模型 logits 上梯度的长度</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Distillation weight alpha</source>
        <translation>蒸馏权重 α</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>α: the weight of the soft (teacher) loss; 1 − α weighs the hard label</source>
        <translation>α：软（教师）损失的权重；1 − α 为硬标签的权重</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Temperature value</source>
        <translation>温度值</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The temperature T of both softmaxes (0.01 to 100), shared with the Target</source>
        <translation>两个 softmax 共用的温度 T（0.01 到 100），与“目标”面板共享</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>α</source>
        <translation>α</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>T</source>
        <translation>T</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Why T²: ‖∂ soft/∂s‖ at</source>
        <translation>为何乘以 T²：不同温度下的 ‖∂ soft/∂s‖</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>&lt;span style=&apos;white-space:nowrap&apos;&gt;&lt;span style=&apos;color:{teacher}&apos;&gt;■&lt;/span&gt; teacher p&lt;sub&gt;t&lt;/sub&gt; = softmax(t/T)&lt;/span&gt;&amp;nbsp;&amp;nbsp; &lt;span style=&apos;white-space:nowrap&apos;&gt;&lt;span style=&apos;color:{student}&apos;&gt;■&lt;/span&gt; student p&lt;sub&gt;s&lt;/sub&gt; = softmax(s/T)&lt;/span&gt;</source>
        <extracomment>``scaling_cells[row][column]``: row 0 the temperatures, 1 without T², 2 with T².</extracomment>
        <translation>&lt;span style=&apos;white-space:nowrap&apos;&gt;&lt;span style=&apos;color:{teacher}&apos;&gt;■&lt;/span&gt; 教师 p&lt;sub&gt;t&lt;/sub&gt; = softmax(t/T)&lt;/span&gt;&amp;nbsp;&amp;nbsp; &lt;span style=&apos;white-space:nowrap&apos;&gt;&lt;span style=&apos;color:{student}&apos;&gt;■&lt;/span&gt; 学生 p&lt;sub&gt;s&lt;/sub&gt; = softmax(s/T)&lt;/span&gt;</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Teacher logit of class {index}</source>
        <translation>类别 {index} 的教师 logit</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The teacher&apos;s logit t of {name}: type a value, Enter</source>
        <translation>{name} 的教师 logit t：输入数值后按 Enter</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The student&apos;s logit s: today&apos;s logits (drag them)</source>
        <translation>学生模型的 logit s：即当前的 logits（可拖动）</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>T = {temperature}, α = {alpha}</source>
        <translation>T = {temperature}，α = {alpha}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>soft&amp;nbsp; T²·KL(p&lt;sub&gt;t&lt;/sub&gt; ‖ p&lt;sub&gt;s&lt;/sub&gt;)</source>
        <translation>软&amp;nbsp; T²·KL(p&lt;sub&gt;t&lt;/sub&gt; ‖ p&lt;sub&gt;s&lt;/sub&gt;)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>hard&amp;nbsp; CE(s, {label}) at T = 1</source>
        <translation>硬&amp;nbsp; T = 1 时的 CE(s, {label})</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>total&amp;nbsp; α·soft + (1 − α)·hard</source>
        <translation>总计&amp;nbsp; α·软 + (1 − α)·硬</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>without T²</source>
        <translation>不乘 T²</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>with T²</source>
        <translation>乘以 T²</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{temperature} (now)</source>
        <translation>{temperature}（当前）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Soft targets of the teacher and the student&apos;s probabilities at T = {temperature}; soft loss {soft}, hard loss {hard}</source>
        <translation>T = {temperature} 时教师的软目标与学生的概率；软损失 {soft}，硬损失 {hard}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>At T = {temperature} the teacher&apos;s soft targets put {top_p} on {top} and share the rest in the teacher&apos;s order: what a one-hot label cannot say. The soft loss T²·KL = {soft} pulls the student towards them, the hard loss {hard} towards {label}; with α = {alpha} the total is {total}. Without T² the soft gradient would be {without} long instead of {with_t2}: it shrinks as 1/T², and T² keeps it on the scale of the hard gradient ({hard_gradient}).</source>
        <translation>在 T = {temperature} 时，教师的软目标把 {top_p} 分给 {top}，其余按教师的排序分配：这是独热标签无法表达的信息。软损失 T²·KL = {soft} 把学生拉向软目标，硬损失 {hard} 把学生拉向 {label}；α = {alpha} 时总损失为 {total}。如果不乘 T²，软梯度的长度将是 {without} 而不是 {with_t2}：它按 1/T² 缩小，乘以 T² 使它与硬梯度（{hard_gradient}）保持同一量级。</translation>
    </message>
</context>
<context>
    <name>ExplorerState</name>
    <message>
        <location filename="../state.py" line="+84"/>
        <source>{name} must be a number, got {value}</source>
        <extracomment>The narrowest surface range: a picture in float32 is flat well before it, and much narrower ranges put points beyond the floats&apos; range in pixels (an infinite scale). The losses a state can choose (keys of the core&apos;s loss objects). The focusing parameter gamma of the focal loss. Rows of the lesson&apos;s batch of examples (the batch panel). What a class weight or a binary pos_weight may be. The class index a batch label takes to be ignored (PyTorch&apos;s ``ignore_index``) lies here. Over what the batch panel normalises: each row&apos;s classes (right), each column&apos;s samples (the common mistake), or the whole array (``scipy.special.softmax``&apos;s default). The version :meth:`ExplorerState.to_dict` writes; version 1 had no loss (cross-entropy). The versions :meth:`ExplorerState.from_dict` reads. Keys a version 1 scene cannot have. List fields a scene may set to null.</extracomment>
        <translation>{name} 必须是数字，而不是 {value}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{name} must be a finite number, got {value}</source>
        <translation>{name} 必须是有限的数，而不是 {value}</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>{name} must be between {low} and {high}, got {value}</source>
        <translation>{name} 必须在 {low} 到 {high} 之间，而不是 {value}</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+298"/>
        <source>{name} must be a whole number, got {value}</source>
        <translation>{name} 必须是整数，而不是 {value}</translation>
    </message>
    <message>
        <location line="-292"/>
        <source>{name} must be a class between 0 and {last}, got {value}</source>
        <translation>{name} 必须是 0 到 {last} 之间的类别，而不是 {value}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>the number of classes must be between {low} and {high}, got {count}</source>
        <translation>类别数必须在 {low} 到 {high} 之间，而不是 {count}</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>{name} must be a list, got {value}</source>
        <translation>{name} 必须是列表，而不是 {value}</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+512"/>
        <source>{key} is too long ({given} entries)</source>
        <translation>{key} 太长（{given} 项）</translation>
    </message>
    <message>
        <location line="-420"/>
        <source>logits must be a list of numbers, got {value}</source>
        <translation>logits 必须是数字列表，而不是 {value}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>the soft target needs one probability per class ({count}), got {given}</source>
        <translation>软目标需要为每个类别给出一个概率（{count} 个），实际为 {given} 个</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>soft target probabilities must be &gt;= 0</source>
        <translation>软目标的概率必须 &gt;= 0</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>soft target probabilities must be &lt;= 1</source>
        <translation>软目标的概率必须 &lt;= 1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>soft target probabilities must sum to 1, got {total:g}</source>
        <translation>软目标的概率之和必须为 1，实际为 {total:g}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>class_names must be {count} strings, got {value}</source>
        <translation>class_names 必须是 {count} 个字符串，而不是 {value}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>class names must be at most {limit} characters</source>
        <translation>类别名称最多 {limit} 个字符</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>surface_axes must be two classes, got {value}</source>
        <translation>surface_axes 必须是两个类别，而不是 {value}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the two surface axes must be different classes</source>
        <translation>曲面的两个坐标轴必须是不同的类别</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>surface_range must be (a_min, a_max, b_min, b_max), got {value}</source>
        <translation>surface_range 必须是 (a_min, a_max, b_min, b_max)，而不是 {value}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>each surface range needs its minimum below its maximum</source>
        <translation>曲面的每个范围的最小值都必须小于最大值</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>each surface range must be at least {width:g} wide</source>
        <translation>曲面的每个范围宽度至少为 {width:g}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>show_field must be true or false, got {value}</source>
        <translation>show_field 必须是 true 或 false，而不是 {value}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>loss must be one of {losses}, got {value}</source>
        <translation>loss 必须是 {losses} 之一，而不是 {value}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>the teacher needs one logit per class ({count}), got {given}</source>
        <translation>教师模型需要为每个类别给出一个 logit（{count} 个），实际为 {given} 个</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>ignore_index must be between {low} and {high}, got {value}</source>
        <translation>ignore_index 必须在 {low} 到 {high} 之间，而不是 {value}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>the batch must have 1 to {limit} rows, got {given}</source>
        <translation>批量必须有 1 到 {limit} 行，实际为 {given} 行</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>batch row {row} needs one logit per class ({count}), got {given}</source>
        <translation>批量第 {row} 行需要为每个类别给出一个 logit（{count} 个），实际为 {given} 个</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>the batch needs one label per row ({count}), got {given}</source>
        <translation>批量需要每行一个标签（{count} 个），实际为 {given} 个</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>class_weights needs one weight per class ({count}), got {given}</source>
        <translation>class_weights 需要为每个类别给出一个权重（{count} 个），实际为 {given} 个</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>{name} must be one of {allowed}, got {value}</source>
        <translation>{name} 必须是 {allowed} 之一，而不是 {value}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>information_bits must be true or false, got {value}</source>
        <translation>information_bits 必须是 true 或 false，而不是 {value}</translation>
    </message>
    <message>
        <location line="+112"/>
        <source>a scene must be a JSON object</source>
        <translation>场景必须是一个 JSON 对象</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the scene version must be a whole number, got {value}</source>
        <translation>场景版本必须是整数，而不是 {value}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>unsupported scene version {value}; this build reads versions {oldest} to {newest}</source>
        <translation>不支持的场景版本 {value}；当前版本可读取 {oldest} 到 {newest} 版</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>a version 1 scene cannot set {keys}; write version {newest}</source>
        <translation>第 1 版场景不能设置 {keys}；请写成第 {newest} 版</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>unknown scene keys: {keys}</source>
        <translation>未知的场景键：{keys}</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>{key} must be a list</source>
        <translation>{key} 必须是列表</translation>
    </message>
</context>
<context>
    <name>ExplorerView</name>
    <message>
        <location filename="../ui/view.py" line="+363"/>
        <source>class {index}</source>
        <extracomment>pyqtgraph&apos;s layout items, which draw nothing themselves (their children draw). Items that change only with the theme, the names or the ranges (not on a drag) and whose text layout would otherwise be redone on every repaint that touches them. Width of a class&apos;s bar in the per-class bar plots (classes are 1 apart). The colours: a preference of the window (or a figure&apos;s choice), not of the state; :meth:`set_theme` changes it. Widgets that are interface, not figure: hidden in exported figures. The view&apos;s pyqtgraph canvases (found and tuned by :meth:`attach`). State fields this view draws; None means all. A change touching none of them (and not K) skips :meth:`refresh`: a logit drag leaves the target panel alone.</extracomment>
        <translation>类别 {index}</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <location filename="../ui/export.py" line="+82"/>
        <source>cannot export to “{name}”: the file name must end in .png, .svg or .pdf</source>
        <extracomment>Pixels a PNG may have (width x height after scaling): 8192 x 8192, 256 MiB of image. A 3840 x 2160 slide at scale 2 has half of it. SVG and PDF have no pixels to count.</extracomment>
        <translation>无法导出到“{name}”：文件名必须以 .png、.svg 或 .pdf 结尾</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>figure size must be at least {n} x {n} pixels</source>
        <translation>图像尺寸至少为 {n} x {n} 像素</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>scale must be between 0.25 and 8</source>
        <translation>缩放比例必须在 0.25 到 8 之间</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the image would exceed {n} pixels per side</source>
        <translation>图像每边将超过 {n} 像素</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>a PNG of {width} × {height} pixels would exceed the limit of {limit:,} ({side} × {side}): choose a smaller size or scale, or SVG or PDF</source>
        <translation>{width} × {height} 像素的 PNG 将超过 {limit:,} 像素的上限（{side} × {side}）：请选择更小的尺寸或缩放比例，或改用 SVG 或 PDF</translation>
    </message>
    <message>
        <location line="+125"/>
        <source>could not encode the PNG image</source>
        <translation>无法编码 PNG 图像</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+5"/>
        <source>Softmax Explorer figure</source>
        <translation>Softmax Explorer 图像</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Made with Softmax Explorer</source>
        <translation>由 Softmax Explorer 制作</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>could not draw the figure</source>
        <translation>无法绘制图像</translation>
    </message>
    <message>
        <location line="+154"/>
        <source>could not write {name}: {reason}</source>
        <extracomment>An unsmoothed image is enlarged until its pixels are this many times their size on the page (or to the cap), so that no renderer&apos;s smoothing blurs its cells.</extracomment>
        <translation>无法写入 {name}：{reason}</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../ui/export_dialog.py" line="+52"/>
        <source>Export figure</source>
        <extracomment>Where the dialog keeps the last scale chosen (a person&apos;s preference, not the scene&apos;s).</extracomment>
        <translation>导出图像</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>View to export</source>
        <translation>要导出的视图</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All plots</source>
        <translation>全部图表</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Export every plot together, or a single one</source>
        <translation>一起导出所有图表，或只导出其中一个</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+40"/>
        <source>Size preset</source>
        <translation>预设尺寸</translation>
    </message>
    <message>
        <location line="-32"/>
        <source>Width</source>
        <translation>宽度</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Height</source>
        <translation>高度</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Figure size in logical pixels (the layout is made at this size)</source>
        <translation>以逻辑像素计的图像尺寸（按此尺寸排版）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Pixel scale</source>
        <translation>像素缩放</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PNG pixels per logical pixel: 2× for retina projectors</source>
        <translation>每个逻辑像素对应的 PNG 像素数：高分辨率投影仪用 2×</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export theme</source>
        <translation>导出主题</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Light (print and slides)</source>
        <translation>浅色（打印和幻灯片）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>High contrast</source>
        <translation>高对比度</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Colours of the exported figure (your window is unchanged)</source>
        <translation>导出图像的配色（窗口本身不变）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>View</source>
        <translation>视图</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Size</source>
        <translation>尺寸</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scale (PNG)</source>
        <translation>缩放（PNG）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The format follows the file name: .png, .svg or .pdf.</source>
        <translation>格式由文件名决定：.png、.svg 或 .pdf。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
</context>
<context>
    <name>GradientPlot</name>
    <message>
        <location filename="../ui/bar_plots.py" line="+206"/>
        <source>Gradient bars</source>
        <translation>梯度条</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gradient plot</source>
        <translation>梯度图</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bars of the gradient of the loss with respect to each logit</source>
        <translation>损失关于每个 logit 的梯度条形图</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>dL/dz = (p - t) / T. A descent step moves each logit against its bar: ▲ raises it, ▼ lowers it. The entries always sum to 0.</source>
        <translation>dL/dz = (p - t) / T。每一步梯度下降都使各个 logit 沿其条形的反方向移动：▲ 表示升高，▼ 表示降低。各分量之和恒为 0。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Gradient dL/dz</source>
        <translation>梯度 dL/dz</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>dL/dz</source>
        <translation>dL/dz</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Σ dL/dz = {total:.3f}</source>
        <translation>Σ dL/dz = {total:.3f}</translation>
    </message>
</context>
<context>
    <name>GradientView</name>
    <message>
        <location filename="../ui/lab/gradient_view.py" line="+46"/>
        <source>Check gradient</source>
        <extracomment>Points the check evaluates the loss on: 2 evaluations per parameter, each over them. The colour scale: relative errors from 1e-12 (and below) to 1 (and above). Below this the analytic gradient is right (float64 central differences, h = 1e-5).</extracomment>
        <translation>检验梯度</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Check the gradient</source>
        <translation>检验梯度</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Compare the analytic gradient dW with central finite differences (L(W + h) - L(W - h)) / 2h, h = 1e-5, for every parameter</source>
        <translation>对每个参数，将解析梯度 dW 与中心有限差分 (L(W + h) - L(W - h)) / 2h（h = 1e-5）进行比较</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Not checked yet.</source>
        <translation>尚未检验。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Relative error per parameter</source>
        <translation>各参数的相对误差</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>class</source>
        <translation>类别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>row of W</source>
        <translation>W 的行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>log₁₀ relative error</source>
        <translation>log₁₀ 相对误差</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Checked at earlier weights: largest relative error {error}.</source>
        <translation>在较早的权重处检验：最大相对误差 {error}。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>correct</source>
        <translation>正确</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;b&gt;wrong&lt;/b&gt;: the analytic gradient disagrees</source>
        <translation>&lt;b&gt;错误&lt;/b&gt;：解析梯度与之不符</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&lt;b&gt;cannot tell&lt;/b&gt; at these weights: the loss is so large that finite differences of step h are rounding noise (Reset and check again)</source>
        <translation>在这些权重处&lt;b&gt;无法判断&lt;/b&gt;：损失过大，步长为 h 的有限差分只剩舍入噪声（请重置后再检验）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source> ({count} margins of the hinge lie within h of its kink, where finite differences and the subgradient may honestly disagree)</source>
        <translation>（合页损失有 {count} 个间隔落在其折点的 h 范围内，在那里有限差分与次梯度本来就可能不一致）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Largest relative error &lt;b&gt;{error}&lt;/b&gt; ({parameter}, class {k}) over {count} parameters: {verdict}.</source>
        <translation>{count} 个参数中的最大相对误差为 &lt;b&gt;{error}&lt;/b&gt;（{parameter}，类别 {k}）：{verdict}。</translation>
    </message>
</context>
<context>
    <name>InformationPanel</name>
    <message>
        <location filename="../ui/lessons/information.py" line="+142"/>
        <source>Information</source>
        <extracomment>Decimals of the identity line: the fewest from here at which the rounded numbers add up. The measures listed under the bars, in order (``InformationReport`` attributes).</extracomment>
        <translation>信息论</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bits (log base 2)</source>
        <translation>比特（以 2 为底的对数）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Information in bits</source>
        <translation>以比特计的信息量</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Measure information in bits (log base 2) instead of nats (natural log)</source>
        <translation>以比特（以 2 为底的对数）而不是奈特（自然对数）度量信息</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Self-information of each class</source>
        <translation>各类别的自信息</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>The identity H(t, p) = H(t) + KL(t ‖ p)</source>
        <translation>恒等式 H(t, p) = H(t) + KL(t ‖ p)</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>H(p)</source>
        <translation>H(p)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>entropy of the prediction</source>
        <translation>预测的熵</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+109"/>
        <source>H(t)</source>
        <translation>H(t)</translation>
    </message>
    <message>
        <location line="-109"/>
        <source>entropy of the target</source>
        <translation>目标的熵</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+108"/>
        <source>H(t, p)</source>
        <translation>H(t, p)</translation>
    </message>
    <message>
        <location line="-108"/>
        <source>cross-entropy, the loss</source>
        <translation>交叉熵，即损失</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+107"/>
        <source>KL(t ‖ p)</source>
        <translation>KL(t ‖ p)</translation>
    </message>
    <message>
        <location line="-107"/>
        <source>Kullback–Leibler divergence</source>
        <translation>KL散度</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>bits</source>
        <translation>比特</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>nats</source>
        <translation>奈特</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>−log p&lt;sub&gt;i&lt;/sub&gt;</source>
        <translation>−log p&lt;sub&gt;i&lt;/sub&gt;</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>t&lt;sub&gt;i&lt;/sub&gt; · (−log p&lt;sub&gt;i&lt;/sub&gt;), adds up to H(t, p)</source>
        <translation>t&lt;sub&gt;i&lt;/sub&gt; · (−log p&lt;sub&gt;i&lt;/sub&gt;)，总和为 H(t, p)</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>−log p&lt;sub&gt;i&lt;/sub&gt; ({unit})</source>
        <translation>−log p&lt;sub&gt;i&lt;/sub&gt;（{unit}）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{value} {unit}</source>
        <translation>{value} {unit}</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Each bar is the surprise −log p&lt;sub&gt;i&lt;/sub&gt; of class i; the filled parts, t&lt;sub&gt;i&lt;/sub&gt;·(−log p&lt;sub&gt;i&lt;/sub&gt;), add up to the cross-entropy H(t, p) = {cross} {unit}.</source>
        <translation>每个条形是类别 i 的自信息（“惊奇度”）−log p&lt;sub&gt;i&lt;/sub&gt;；实心部分 t&lt;sub&gt;i&lt;/sub&gt;·(−log p&lt;sub&gt;i&lt;/sub&gt;) 相加即为交叉熵 H(t, p) = {cross} {unit}。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The target is a hard label, so its entropy H(t) is 0 and the whole loss is KL(t ‖ p) = {kl} {unit}: a perfect prediction would bring it to 0.</source>
        <translation>目标是硬标签，因此其熵 H(t) 为 0，整个损失就是 KL(t ‖ p) = {kl} {unit}：完美的预测会使它降为 0。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>It splits into the target&apos;s own entropy H(t) = {entropy} {unit}, which no prediction can remove, and KL(t ‖ p) = {kl} {unit}, the part a better p removes.</source>
        <translation>它可分解为目标自身的熵 H(t) = {entropy} {unit}（任何预测都无法消除）与 KL(t ‖ p) = {kl} {unit}（更好的 p 可以消除的部分）。</translation>
    </message>
</context>
<context>
    <name>JacobianPanel</name>
    <message>
        <location filename="../ui/lessons/jacobian.py" line="+71"/>
        <source>Softmax Jacobian</source>
        <extracomment>Classes up to which every cell carries its number. Eigenvalues listed in the text below the matrix (the smallest first).</extracomment>
        <translation>Softmax 的雅可比矩阵</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Jacobian heatmap</source>
        <translation>雅可比矩阵热图</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>logit z&lt;sub&gt;j&lt;/sub&gt;</source>
        <extracomment>The class whose logit moved in the last change (its row is highlighted).</extracomment>
        <translation>logit z&lt;sub&gt;j&lt;/sub&gt;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>probability p&lt;sub&gt;i&lt;/sub&gt;</source>
        <translation>概率 p&lt;sub&gt;i&lt;/sub&gt;</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Eigenvalues λ: {eigenvalues}&lt;br&gt;Rank {rank} of {count}; ‖J·1‖ = {residual} (the all-ones direction is its null space)</source>
        <translation>特征值 λ：{eigenvalues}&lt;br&gt;秩为 {rank}（共 {count}）；‖J·1‖ = {residual}（全 1 方向是它的零空间）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Jacobian of softmax, {count} by {count}; largest entry {largest}</source>
        <translation>softmax 的雅可比矩阵，{count} × {count}；最大元素 {largest}</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Row i, column j is dp&lt;sub&gt;i&lt;/sub&gt;/dz&lt;sub&gt;j&lt;/sub&gt;. Raising a logit raises only its own probability (the diagonal, p&lt;sub&gt;i&lt;/sub&gt;(1 − p&lt;sub&gt;i&lt;/sub&gt;)/T, {diagonal} for class {top}) and lowers all the others. Every row sums to 0: moving all logits together changes nothing, so the smallest eigenvalue is 0 and the largest is {largest}.</source>
        <translation>第 i 行第 j 列是 dp&lt;sub&gt;i&lt;/sub&gt;/dz&lt;sub&gt;j&lt;/sub&gt;。升高一个 logit 只会升高它自己的概率（对角线 p&lt;sub&gt;i&lt;/sub&gt;(1 − p&lt;sub&gt;i&lt;/sub&gt;)/T，类别 {top} 为 {diagonal}），并降低其他所有概率。每行之和为 0：所有 logits 一起移动不改变任何东西，因此最小特征值为 0，最大特征值为 {largest}。</translation>
    </message>
</context>
<context>
    <name>LabControls</name>
    <message>
        <location filename="../ui/lab/controls.py" line="+101"/>
        <source>Data</source>
        <extracomment>The learning-rate slider: log10 of the rate, in tenths, from 1e-4 to 10. Typed rates may go far beyond the slider: one that overflows is a lesson (and a message). The batch spin box holds at most this (a 32-bit integer); larger sizes show as it.</extracomment>
        <translation>数据</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+35"/>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <location line="-33"/>
        <source>Gaussian blobs</source>
        <translation>高斯团簇</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Concentric rings</source>
        <translation>同心圆环</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Spirals</source>
        <translation>螺旋</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>XOR</source>
        <translation>异或（XOR）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Empty canvas</source>
        <translation>空白画布</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+26"/>
        <source>Classes</source>
        <translation>类别数</translation>
    </message>
    <message>
        <location line="-24"/>
        <location line="+25"/>
        <source>Points</source>
        <translation>点数</translation>
    </message>
    <message>
        <location line="-22"/>
        <location line="+23"/>
        <source>Noise</source>
        <translation>噪声</translation>
    </message>
    <message>
        <location line="-19"/>
        <source>Data seed</source>
        <translation>数据种子</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Generate</source>
        <translation>生成</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Generate data</source>
        <translation>生成数据</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Make new data with these settings (the same seed gives the same points)</source>
        <translation>按这些设置生成新数据（相同的种子得到相同的点）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Class of new points</source>
        <translation>新点的类别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clicking on the plot adds a point of this class</source>
        <translation>在图上点击会添加该类别的点</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Click adds</source>
        <translation>点击添加</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Features</source>
        <translation>特征</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>x₁, x₂ (raw)</source>
        <translation>x₁, x₂（原始）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Raw features</source>
        <translation>原始特征</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>x₁², x₂², x₁x₂</source>
        <translation>x₁², x₂², x₁x₂</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Squares and product</source>
        <translation>平方与乘积</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quadratic features: circles and ellipses become linear boundaries</source>
        <translation>二次特征：圆和椭圆变为线性边界</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>sin x₁, sin x₂</source>
        <translation>sin x₁, sin x₂</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sines</source>
        <translation>正弦</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Random Fourier</source>
        <translation>随机傅里叶</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Random Fourier features</source>
        <translation>随机傅里叶特征</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cos(ω·x + b) with random ω of the given width: any smooth boundary</source>
        <translation>cos(ω·x + b)，ω 按给定宽度随机选取：可拟合任意光滑边界</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fourier count</source>
        <translation>傅里叶特征数</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Fourier width</source>
        <translation>傅里叶宽度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scale of the random frequencies: wider follows finer detail</source>
        <translation>随机频率的尺度：越宽越能刻画细节</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>width</source>
        <translation>宽度</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>With x₁, x₂ alone a class&apos;s score is a plane over the data, so the regions are half-planes cut by straight lines: rings and spirals cannot be separated. The bias is one more constant feature (1), the last row of W, regularised with W as in the course.</source>
        <translation>只用 x₁, x₂ 时，一个类别的得分是数据上方的一个平面，因此各区域是由直线切出的半平面：圆环和螺旋无法分开。偏置是多出的一个常数特征（1），即 W 的最后一行，与课程中一样随 W 一起正则化。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Model and training</source>
        <translation>模型与训练</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+63"/>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location line="-62"/>
        <source>Softmax (cross-entropy)</source>
        <translation>Softmax（交叉熵）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Multiclass SVM (hinge)</source>
        <translation>多类支持向量机（合页损失）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Regularisation strength</source>
        <translation>正则化强度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>reg, the strength of the L2 penalty on W</source>
        <translation>reg：W 上 L2 惩罚的强度</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Regularisation convention</source>
        <translation>正则化约定</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(course)</source>
        <translation>（课程）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The course&apos;s 0.5·reg·‖W‖² has gradient reg·W; reg·‖W‖² has 2·reg·W</source>
        <translation>课程中的 0.5·reg·‖W‖² 的梯度为 reg·W；reg·‖W‖² 的梯度为 2·reg·W</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Learning rate (log scale)</source>
        <translation>学习率（对数刻度）</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+36"/>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location line="-25"/>
        <location line="+26"/>
        <source>Batch size</source>
        <translation>批量大小</translation>
    </message>
    <message>
        <location line="-25"/>
        <source>Points per minibatch step; &apos;all&apos; is full-batch gradient descent</source>
        <translation>每个小批量步骤使用的点数；&apos;全部&apos;即全批量梯度下降</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+21"/>
        <source>Momentum</source>
        <translation>动量</translation>
    </message>
    <message>
        <location line="-13"/>
        <location line="+14"/>
        <source>Steps per frame</source>
        <translation>每帧步数</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>Minibatch steps between two redraws while training (fewer when they would take longer than a twentieth of a second)</source>
        <translation>训练时两次重绘之间的小批量步数（若耗时超过 1/20 秒则减少）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Regularisation</source>
        <translation>正则化</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Penalty</source>
        <translation>惩罚项</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>class {k}</source>
        <translation>类别 {k}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{count} features + bias: W is {rows} × {classes}</source>
        <translation>{count} 个特征 + 偏置：W 为 {rows} × {classes}</translation>
    </message>
</context>
<context>
    <name>LabData</name>
    <message>
        <location filename="../core/lab/data.py" line="+69"/>
        <source>the number of classes must be a whole number from {low} to {high}</source>
        <extracomment>The generators of :func:`make_dataset`. At most this many points in a dataset (generated, loaded or clicked). Coordinates are limited to ``|v| &lt;= COORDINATE_LIMIT``: squares and products of them stay far from overflow, and a point is somewhere a plot can show. A CSV file larger than this is refused before it is read.</extracomment>
        <translation>类别数必须是 {low} 到 {high} 之间的整数</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>points must be (x, y) pairs; got shape {shape}</source>
        <translation>点必须是 (x, y) 对；实际形状为 {shape}</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+2"/>
        <source>labels must be whole numbers</source>
        <translation>标签必须是整数</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>there must be one label per point: {points} points, {labels} labels</source>
        <translation>每个点必须有一个标签：{points} 个点，{labels} 个标签</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>a dataset holds at most {limit} points</source>
        <translation>一个数据集最多包含 {limit} 个点</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>coordinates must be finite numbers</source>
        <translation>坐标必须是有限的数</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>coordinates must be within ±{limit:g}</source>
        <translation>坐标必须在 ±{limit:g} 以内</translation>
    </message>
    <message>
        <location line="-26"/>
        <source>label {label} is out of range: with {classes} classes labels are 0 to {last}</source>
        <translation>标签 {label} 超出范围：{classes} 个类别时标签为 0 到 {last}</translation>
    </message>
    <message>
        <location line="+201"/>
        <location filename="../core/lab/scene.py" line="+99"/>
        <source>unknown dataset {kind}; choose one of {kinds}</source>
        <extracomment>How far each spiral arm turns from the centre to the rim: one full turn.</extracomment>
        <translation>未知的数据集 {kind}；请从 {kinds} 中选择</translation>
    </message>
    <message>
        <location line="+7"/>
        <location filename="../core/lab/scene.py" line="+8"/>
        <source>the number of points must be a whole number from 0 to {limit}</source>
        <translation>点数必须是 0 到 {limit} 之间的整数</translation>
    </message>
    <message>
        <location line="+6"/>
        <location filename="../core/lab/scene.py" line="-3"/>
        <source>noise must be a number from 0 to 1</source>
        <translation>噪声必须是 0 到 1 之间的数</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../core/lab/features.py" line="+91"/>
        <location filename="../core/lab/training.py" line="+151"/>
        <source>the seed must be a whole number &gt;= 0</source>
        <translation>种子必须是 &gt;= 0 的整数</translation>
    </message>
    <message>
        <location line="+115"/>
        <source>{source}, row {row}: {count} columns; each row needs 3: x, y, label</source>
        <translation>{source} 第 {row} 行：{count} 列；每行需要 3 列：x, y, label</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{source}, row {row}: {name} ({field}) is not a number</source>
        <translation>{source} 第 {row} 行：{name}（{field}）不是数字</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{source}, row {row}: {name} is {field}; it must be a finite number</source>
        <translation>{source} 第 {row} 行：{name} 为 {field}；它必须是有限的数</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{source}, row {row}: {name} = {field} is beyond ±{limit:g}</source>
        <translation>{source} 第 {row} 行：{name} = {field} 超出 ±{limit:g}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{source}, row {row}: the label {field} is not a whole number</source>
        <translation>{source} 第 {row} 行：标签 {field} 不是整数</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{source}, row {row}: the label {field} is negative; labels start at 0</source>
        <translation>{source} 第 {row} 行：标签 {field} 为负；标签从 0 开始</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{source}, row {row}: the label {field} is out of range; with {classes} classes labels are 0 to {last}</source>
        <translation>{source} 第 {row} 行：标签 {field} 超出范围；{classes} 个类别时标签为 0 到 {last}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{source} has more than {limit} points</source>
        <translation>{source} 的点数超过 {limit} 个</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{source} has no data rows (x, y, label)</source>
        <translation>{source} 中没有数据行（x, y, label）</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>{name} is not a regular file</source>
        <translation>{name} 不是普通文件</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>cannot open {name}: {reason}</source>
        <translation>无法打开 {name}：{reason}</translation>
    </message>
    <message>
        <location line="-27"/>
        <source>{name} is too large (more than {limit} bytes)</source>
        <translation>{name} 过大（超过 {limit} 字节）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{name} is not a text (UTF-8) CSV file</source>
        <translation>{name} 不是文本（UTF-8）CSV 文件</translation>
    </message>
    <message>
        <location filename="../core/lab/features.py" line="-24"/>
        <source>the feature switch {name} must be true or false</source>
        <translation>特征开关 {name} 必须是 true 或 false</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the number of Fourier features must be a whole number from 0 to {limit}</source>
        <translation>傅里叶特征数必须是 0 到 {limit} 之间的整数</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>the Fourier width must be a number from {low} to {high}</source>
        <translation>傅里叶宽度必须是 {low} 到 {high} 之间的数</translation>
    </message>
    <message>
        <location filename="../core/lab/scene.py" line="-12"/>
        <source>steps per frame must be a whole number from 1 to {limit}</source>
        <extracomment>100,000 points as JSON are about 5 MB; a larger file is refused before it is read. Steps per frame a scene may ask for: the lab&apos;s control goes this far. 10,000 steps of a large model are seconds of training per frame, a window that no longer answers. The data seed the lab&apos;s seed field can show (a 32-bit spin box).</extracomment>
        <translation>每帧步数必须是 1 到 {limit} 之间的整数</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>the data seed must be a whole number from 0 to {limit}</source>
        <translation>数据种子必须是 0 到 {limit} 之间的整数</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>the weights must have shape {expected} (features + bias, classes); got {shape}</source>
        <translation>权重的形状必须为 {expected}（特征 + 偏置, 类别）；实际为 {shape}</translation>
    </message>
    <message>
        <location line="+9"/>
        <location filename="../core/lab/training.py" line="+326"/>
        <source>the weights must be finite numbers</source>
        <translation>权重必须是有限的数</translation>
    </message>
    <message>
        <location line="+4"/>
        <location filename="../core/lab/training.py" line="+3"/>
        <source>the weights must be within ±{limit:g}</source>
        <translation>权重必须在 ±{limit:g} 以内</translation>
    </message>
    <message>
        <location line="+91"/>
        <source>{where} lacks {keys}</source>
        <translation>{where} 缺少 {keys}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{where} has unknown keys: {keys}</source>
        <translation>{where} 含有未知的键：{keys}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{where}: {key} must be {kind}, got {value}</source>
        <translation>{where}：{key} 必须是 {kind}，而不是 {value}</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>{name} must hold numbers only, found {value}</source>
        <translation>{name} 只能包含数字，却发现了 {value}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{name} hold a number too large for a float</source>
        <translation>{name} 包含一个对浮点数而言过大的数</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{name} must be rows of equal length</source>
        <translation>{name} 的各行必须等长</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{where} must be a JSON object</source>
        <translation>{where} 必须是一个 JSON 对象</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{where} is not a classifier lab scene (format {value})</source>
        <translation>{where} 不是分类器实验室场景（格式为 {value}）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{where}: unsupported lab scene version {value}; this build reads {newest}</source>
        <translation>{where}：不支持的实验室场景版本 {value}；当前版本可读取第 {newest} 版</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>{where} is not a valid lab scene: {reason}</source>
        <translation>{where} 不是有效的实验室场景：{reason}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{where} is not a valid lab scene file: {reason}</source>
        <translation>{where} 不是有效的实验室场景文件：{reason}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{name} is too large for a lab scene (more than {limit} bytes)</source>
        <translation>{name} 作为实验室场景文件过大（超过 {limit} 字节）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{name} is not a text (UTF-8) lab scene file</source>
        <translation>{name} 不是文本（UTF-8）实验室场景文件</translation>
    </message>
    <message>
        <location filename="../core/lab/training.py" line="-370"/>
        <source>unknown loss {value}; choose one of {choices}</source>
        <extracomment>The history keeps every step until it holds this many snapshots (or HISTORY_BYTES of weights), then halves itself to every 2nd step, later every 4th, and so on. Below this many points there is no validation split. Standard deviation of the initial weights (the bias row starts at 0). Weights beyond this size stop training like an overflow: every probability has long been 0 or 1, and their squares (the penalty) would overflow. Evaluating every point (the snapshot of a step) may cost about this many multiply-adds, or a step&apos;s own work if that is more; beyond it the history records every 2nd, 4th, ... step from the start, so 100,000 points do not make each minibatch step 100 times dearer. Elementwise passes of the loss and accuracy over each score (exp, log, max, ...), in multiply-adds: the snapshot&apos;s cost per point and class besides the product.</extracomment>
        <translation>未知的损失 {value}；请从 {choices} 中选择</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>unknown regularisation convention {value}; choose one of {choices}</source>
        <translation>未知的正则化约定 {value}；请从 {choices} 中选择</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>the regularisation must be a number from 0 to {limit:g}</source>
        <translation>正则化强度必须是 0 到 {limit:g} 之间的数</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>the learning rate must be a finite number &gt; 0</source>
        <translation>学习率必须是 &gt; 0 的有限数</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the batch size must be a whole number &gt;= 1</source>
        <translation>批量大小必须是 &gt;= 1 的整数</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the momentum must be a number from 0 to below 1</source>
        <translation>动量必须是大于等于 0 且小于 1 的数</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the validation fraction must be a number from 0 to 0.9</source>
        <translation>验证集比例必须是 0 到 0.9 之间的数</translation>
    </message>
    <message>
        <location line="+327"/>
        <source>the weights must have shape {expected}; got {shape}</source>
        <translation>权重的形状必须为 {expected}；实际为 {shape}</translation>
    </message>
</context>
<context>
    <name>LabTraining</name>
    <message>
        <location line="+196"/>
        <source>training stopped at step {step}: the weights grew beyond ±{limit:g} with learning rate {rate:g}; the weights of step {good} are kept. Try a smaller learning rate.</source>
        <translation>训练在第 {step} 步停止：学习率为 {rate:g} 时权重增长超出 ±{limit:g}；保留第 {good} 步的权重。请尝试更小的学习率。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>training stopped at step {step}: the loss became {value} with learning rate {rate:g}; the weights of step {good} are kept. Try a smaller learning rate.</source>
        <translation>训练在第 {step} 步停止：学习率为 {rate:g} 时损失变为 {value}；保留第 {good} 步的权重。请尝试更小的学习率。</translation>
    </message>
</context>
<context>
    <name>LabWindow</name>
    <message>
        <location filename="../ui/lab/window.py" line="+86"/>
        <source>Classifier lab — Softmax Explorer</source>
        <extracomment>Milliseconds between training ticks (about 60 per second). Seconds a training tick (steps and redraw) may take: &quot;steps per frame&quot; is cut to what fits, so 1,000 steps a frame of a large model keep the window answering. Width of the settings column at first (the plots take the rest).</extracomment>
        <translation>分类器实验室 — Softmax Explorer</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Press Train, click to add points, drag an arrow head to set weights.</source>
        <extracomment>The main window opened for &quot;Open in explorer&quot; when the lab started alone. Seconds per step of the last tick, redraw included (None: not measured yet). A keyboard or page step of the history slider restores once its value is set.</extracomment>
        <translation>按“训练”开始，点击添加点，拖动箭头设置权重。</translation>
    </message>
    <message>
        <location line="+23"/>
        <location line="+406"/>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <location line="-404"/>
        <source>Train continuously (steps per frame at every redraw); press again to pause</source>
        <translation>连续训练（每次重绘执行“每帧步数”步）；再按一次暂停</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>One minibatch step</source>
        <translation>执行一个小批量步骤</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Back to the initial weights of the same seed (runs can be compared)</source>
        <translation>回到同一种子的初始权重（便于比较多次运行）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Randomise</source>
        <translation>随机化</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New initial weights from a new seed</source>
        <translation>用新种子生成新的初始权重</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Training history</source>
        <translation>训练历史</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Scrub back through earlier training states; release to go back there</source>
        <translation>拖动回看之前的训练状态；松开即回到该状态</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Open in explorer</source>
        <translation>在主窗口中打开</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Send the selected point&apos;s scores (its logits) and its class to the explorer&apos;s main window</source>
        <translation>把选中点的得分（其 logits）和类别发送到主窗口</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Selected points</source>
        <translation>选中的点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gradient check</source>
        <translation>梯度检验</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Open lab scene…</source>
        <translation>打开实验室场景(&amp;O)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open a saved lab scene (.json)</source>
        <translation>打开已保存的实验室场景（.json）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Save lab scene…</source>
        <translation>保存实验室场景(&amp;S)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the data, settings and weights as a lab scene (.json)</source>
        <translation>将数据、设置和权重保存为实验室场景（.json）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Import points (CSV)…</source>
        <translation>导入点（CSV）(&amp;I)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Load points from a CSV file of x, y, label rows</source>
        <translation>从每行为 x, y, label 的 CSV 文件载入点</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export points (C&amp;SV)…</source>
        <translation>导出点（CSV）(&amp;S)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write the points as x, y, label rows</source>
        <translation>将点写成 x, y, label 行</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Export figure</source>
        <translation>导出图像(&amp;E)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Decision regions…</source>
        <translation>决策区域…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Training curves…</source>
        <translation>训练曲线…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Regions and curves…</source>
        <translation>决策区域和训练曲线…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Export a clean figure to PNG, SVG or PDF</source>
        <translation>将简洁的图像导出为 PNG、SVG 或 PDF</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Close lab</source>
        <translation>关闭实验室(&amp;C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop training and close the lab</source>
        <translation>停止训练并关闭实验室</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Delete selected points</source>
        <translation>删除选中的点(&amp;D)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the selected points</source>
        <translation>删除选中的点</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Clear selection</source>
        <translation>取消选择</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select no point</source>
        <translation>不选择任何点</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Training</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Train / pause</source>
        <translation>训练 / 暂停(&amp;T)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start or pause training</source>
        <translation>开始或暂停训练</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Check gradient</source>
        <translation>检验梯度(&amp;C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Compare dW with finite differences</source>
        <translation>将 dW 与有限差分进行比较</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>Could not open {name}: {reason}</source>
        <translation>无法打开 {name}：{reason}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Could not save {name}: {reason}</source>
        <translation>无法保存 {name}：{reason}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Saved {name}</source>
        <translation>已保存 {name}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Could not import {name}: {reason} The points are unchanged.</source>
        <translation>无法导入 {name}：{reason} 点保持不变。</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+250"/>
        <source>Import points</source>
        <translation>导入点</translation>
    </message>
    <message>
        <location line="-244"/>
        <source>Imported {count} points in {classes} classes</source>
        <translation>已导入 {count} 个点，共 {classes} 个类别</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Select a point first: click it on the plot.</source>
        <translation>请先选择一个点：在图上点击它。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This point&apos;s scores are too large for the explorer.</source>
        <translation>该点的得分对主窗口而言过大。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Point {index} sent to the explorer (class {label}).</source>
        <translation>点 {index} 已发送到主窗口（类别 {label}）。</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>step 0</source>
        <translation>第 0 步</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>step {step} of {last}</source>
        <translation>第 {step} 步，共 {last} 步</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{count} selected; “Open in explorer” sends point {index}.</source>
        <translation>已选中 {count} 个；“在主窗口中打开”将发送点 {index}。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Click a point to see its numbers.</source>
        <translation>点击一个点查看其数值。</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>New initial weights (seed {seed})</source>
        <translation>新的初始权重（种子 {seed}）</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Open lab scene</source>
        <translation>打开实验室场景</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+10"/>
        <source>Lab scenes (*.json)</source>
        <translation>实验室场景 (*.json)</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Save lab scene</source>
        <translation>保存实验室场景</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>CSV files (*.csv *.txt);;All files (*)</source>
        <translation>CSV 文件 (*.csv *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Export points</source>
        <translation>导出点</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>PNG image (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>SVG vector (*.svg)</source>
        <translation>SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export figure</source>
        <translation>导出图像</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Exported {name}</source>
        <translation>已导出 {name}</translation>
    </message>
</context>
<context>
    <name>LessonView</name>
    <message>
        <location filename="../ui/lesson_view.py" line="+205"/>
        <source>What to look at</source>
        <extracomment>The panel&apos;s registry key: object names derive from it.</extracomment>
        <translation>观察要点</translation>
    </message>
</context>
<context>
    <name>LogitEditor</name>
    <message>
        <location filename="../ui/logit_editor.py" line="+145"/>
        <source>Logit editor</source>
        <translation>Logit 编辑器</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bars of the logits; drag a bar or use the arrow keys to change it</source>
        <translation>logits 条形图；拖动条形或使用方向键修改</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Logit bars</source>
        <translation>Logit 条形</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Drag a bar to change its logit. Double-click to type a value.
Left/Right: select a class. Up/Down: nudge by 0.1 (Shift: by 1).</source>
        <translation>拖动条形以修改其 logit。双击可直接输入数值。
左/右：选择类别。上/下：微调 0.1（按住 Shift：调 1）。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Logits z</source>
        <translation>Logits z</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>logit</source>
        <translation>logit</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Number of classes</source>
        <translation>类别数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Number of classes K (2 to {n})</source>
        <translation>类别数 K（2 到 {n}）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Shift amount</source>
        <translation>平移量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The constant added to every logit by Shift all</source>
        <translation>“全部平移”给每个 logit 加上的常数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Shift all</source>
        <translation>全部平移</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add the same constant to every logit: the probabilities do not change</source>
        <translation>给每个 logit 加上同一个常数：概率不变</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Back to the default logits for this K</source>
        <translation>恢复此 K 下的默认 logits</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Classes K</source>
        <translation>类别数 K</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>by</source>
        <translation>平移量</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>class {index}</source>
        <translation>类别 {index}</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Name of class {index}</source>
        <translation>类别 {index} 的名称</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Logit of class {index}</source>
        <translation>类别 {index} 的 logit</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Exact value of logit z{index} (finite, |z| ≤ 1e6)</source>
        <translation>logit z{index} 的精确值（有限值，|z| ≤ 1e6）</translation>
    </message>
</context>
<context>
    <name>LossSurfaceView</name>
    <message>
        <location filename="../ui/surface_view.py" line="+62"/>
        <location line="+17"/>
        <location line="+170"/>
        <source>Loss surface</source>
        <extracomment>Play stops once the gradient is this short: the descent has converged, and each further step would move the logits by less than the learning rate times this (issue 24: Play ran on for ever after a hard label&apos;s loss had reached 0.0000). The colour scale&apos;s ends are rounded outwards to a nice step of 1/20 of its range: the colours and the bar&apos;s ticks stay still while small drags move the surface&apos;s minimum and maximum a little, for at most two steps of contrast.</extracomment>
        <translation>损失曲面</translation>
    </message>
    <message>
        <location line="-185"/>
        <source>Heatmap of the cross-entropy over two logits, with the descent path</source>
        <translation>交叉熵关于两个 logit 的热图，附梯度下降路径</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Loss surface heatmap</source>
        <translation>损失曲面热图</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cross-entropy over two logits (the others fixed). White dot: the current logits. Arrows point downhill (−∇L).</source>
        <translation>交叉熵关于两个 logit 的曲面（其余固定）。白点：当前 logits。箭头指向下坡方向（−∇L）。</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Horizontal axis logit</source>
        <translation>横轴 logit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The logit on the horizontal axis</source>
        <translation>横轴上的 logit</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Vertical axis logit</source>
        <translation>纵轴 logit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The logit on the vertical axis</source>
        <translation>纵轴上的 logit</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Surface range minimum</source>
        <translation>曲面范围最小值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lowest logit value shown on both axes</source>
        <translation>两个坐标轴上显示的最小 logit 值</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Surface range maximum</source>
        <translation>曲面范围最大值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Highest logit value shown on both axes</source>
        <translation>两个坐标轴上显示的最大 logit 值</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Center</source>
        <translation>居中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Center the surface on the current point</source>
        <translation>以当前点为中心显示曲面</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Arrow field</source>
        <translation>箭头场</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show the descent direction (−∇L) over the plane</source>
        <translation>在平面上显示下降方向（−∇L）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Step size η of gradient descent: z ← z − η ∇L (0.0001 to 100)</source>
        <translation>梯度下降的步长 η：z ← z − η ∇L（0.0001 到 100）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>One gradient-descent step on the logits</source>
        <translation>对 logits 执行一步梯度下降</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+231"/>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <location line="-228"/>
        <source>Run gradient descent continuously (Pause to stop)</source>
        <translation>连续运行梯度下降（按“暂停”停止）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Back to where the descent started</source>
        <translation>回到梯度下降的起点</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>x:</source>
        <translation>x：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>y:</source>
        <translation>y：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>range</source>
        <translation>范围</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>learning rate η</source>
        <translation>学习率 η</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Loss surface: squared error</source>
        <translation>损失曲面：平方误差</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Loss surface: focal, γ = {gamma}</source>
        <translation>损失曲面：Focal 损失，γ = {gamma}</translation>
    </message>
    <message>
        <location line="+44"/>
        <location line="+6"/>
        <source>z{index} ({name})</source>
        <translation>z{index}（{name}）</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>The range minimum must be below its maximum.</source>
        <translation>范围的最小值必须小于最大值。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Converged: the gradient&apos;s length is {length}, under {limit}</source>
        <translation>已收敛：梯度长度为 {length}，小于 {limit}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Stopped: a step no longer changes the logits</source>
        <translation>已停止：再走一步也不再改变 logits</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Loss surface: z{a} = {x}, z{b} = {y}, L ≈ {loss}</source>
        <translation>损失曲面：z{a} = {x}，z{b} = {y}，L ≈ {loss}</translation>
    </message>
</context>
<context>
    <name>LossesPanel</name>
    <message>
        <location filename="../ui/lessons/losses.py" line="+348"/>
        <source>Losses compared</source>
        <extracomment>The label-smoothed row&apos;s ``eps`` while the state has no label smoothing of its own. Logit units (times ``T``) the sweep reaches either side of the strongest other logit. Logit units (times ``T``) the sweep keeps either side of today&apos;s true logit. Points of each curve: a sweep of 24 T is one point per 0.2 T, four pixels apart in a 500-pixel plot, where these smooth curves show no corners. Each point is a join Qt strokes for the wide antialiased pens on every redraw (241 points cost twice as much). Decimals of the table&apos;s numbers (format_number): narrow enough for a side dock. Squared error&apos;s gradient this many times shorter than cross-entropy&apos;s &quot;vanishes&quot; (when the prediction is confidently wrong) and is written as a fraction of it beside its bar. The probability of a wrong predicted class from which a prediction is &quot;confident&quot;. The state&apos;s ``loss`` a click on each row sets (the label-smoothed row also sets eps). Line styles, so the curves differ without colour too. Line widths in pixels (squared error, the loss the lesson is about, drawn heavier). Today&apos;s point on each curve: cross-entropy&apos;s drawn first and largest, so a loss whose point coincides with it (focal, at a confidently wrong prediction) still shows both.</extracomment>
        <translation>损失函数比较</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Value L</source>
        <translation>值 L</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gradient ‖∇L‖</source>
        <translation>梯度 ‖∇L‖</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Put {loss} on the surface</source>
        <translation>在曲面上显示{loss}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{loss}: value</source>
        <translation>{loss}：值</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{loss}: gradient length</source>
        <translation>{loss}：梯度长度</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{loss}: gradient length as a bar</source>
        <translation>{loss}：梯度长度（条形）</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Focal gamma</source>
        <translation>Focal γ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>γ of the focal loss (0 to 10): larger γ down-weights well-classified examples</source>
        <translation>Focal 损失的 γ（0 到 10）：γ 越大，已正确分类样本的权重越低</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Focal: γ =</source>
        <translation>Focal：γ =</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Loss curves along the true class&apos;s logit</source>
        <translation>沿真实类别 logit 的损失曲线</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Cross-entropy</source>
        <translation>交叉熵</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Squared error</source>
        <translation>平方误差</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Focal</source>
        <translation>Focal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Smoothed CE</source>
        <translation>平滑 CE</translation>
    </message>
    <message>
        <location line="+137"/>
        <source>1/{ratio} of cross-entropy&apos;s</source>
        <translation>交叉熵的 1/{ratio}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1/{ratio}</source>
        <translation>1/{ratio}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Smoothed CE: ε = {eps}</source>
        <translation>平滑 CE：ε = {eps}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cross-entropy against the smoothed target (1 − ε)·y + ε/K, ε = {eps}. A click puts cross-entropy on the surface and sets label smoothing to {eps}.</source>
        <translation>相对于平滑目标 (1 − ε)·y + ε/K 的交叉熵，ε = {eps}。点击后在曲面上显示交叉熵，并把标签平滑设为 {eps}。</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>{loss} is on the surface</source>
        <translation>曲面上显示的是{loss}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Click to put {loss} on the surface</source>
        <translation>点击以在曲面上显示{loss}</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>logit of {name}, the true class</source>
        <translation>真实类别 {name} 的 logit</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Each curve is a loss along the true class&apos;s logit; the dots are today&apos;s logits.</source>
        <translation>每条曲线是沿真实类别 logit 变化的一种损失；圆点是当前的 logits。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Confidently wrong, squared error&apos;s gradient has all but vanished: {squared} against cross-entropy&apos;s {cross}, {ratio} times shorter; its curve is flat at the dot.</source>
        <translation>预测以高置信度出错时，平方误差的梯度几乎消失：{squared}，而交叉熵为 {cross}，短了 {ratio} 倍；它的曲线在圆点处是平的。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Squared error&apos;s gradient is {squared} against cross-entropy&apos;s {cross}, {ratio} times shorter; make the prediction confidently wrong to see it vanish.</source>
        <translation>平方误差的梯度为 {squared}，而交叉熵为 {cross}，短了 {ratio} 倍；让预测以高置信度出错，就能看到它消失。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Click a loss to put it on the surface.</source>
        <translation>点击一种损失，在曲面上显示它。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../ui/main_window.py" line="+86"/>
        <source>Softmax Explorer</source>
        <translation>Softmax Explorer</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Drag a logit bar, pick the true class, or press Step to descend the loss.</source>
        <extracomment>The built panels&apos; views, by registry key. View menu actions: whether the person wants each dock panel shown (it shows when it is also available for the state, e.g. the simplex for K = 3). Whether lesson panels show their captions (a preference, View &gt; Lessons).</extracomment>
        <translation>拖动 logit 条形、选择真实类别，或按“单步”使损失下降。</translation>
    </message>
    <message>
        <location line="+87"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Open scene…</source>
        <translation>打开场景(&amp;O)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open a saved scene (.json)</source>
        <translation>打开已保存的场景（.json）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Presets</source>
        <translation>预设(&amp;P)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Open the preset scene “{name}”</source>
        <translation>打开预设场景“{name}”</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Save scene</source>
        <translation>保存场景(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the scene to its file</source>
        <translation>将场景保存到原文件</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Save scene &amp;as…</source>
        <translation>场景另存为(&amp;A)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the scene to a new file</source>
        <translation>将场景保存为新文件</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Export figure…</source>
        <translation>导出图像(&amp;E)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write the plots to PNG, SVG or PDF for slides</source>
        <translation>将图表写入 PNG、SVG 或 PDF，用于幻灯片</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Copy figure</source>
        <translation>复制图像(&amp;C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy all plots as an image to the clipboard</source>
        <translation>将所有图表作为图像复制到剪贴板</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close Softmax Explorer</source>
        <translation>关闭 Softmax Explorer</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Undo the last edit (a whole drag is one step)</source>
        <translation>撤销上一次编辑（一次完整的拖动算一步）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Redo the last undone edit</source>
        <translation>重做上一次撤销的编辑</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Show or hide the {panel} panel</source>
        <translation>显示或隐藏“{panel}”面板</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Lessons</source>
        <translation>课程(&amp;L)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Lesson &amp;captions</source>
        <translation>课程说明(&amp;C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show what to look at, with the live numbers, under each lesson</source>
        <translation>在每个课程下方显示观察要点及实时数值</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Light (print and slides)</source>
        <translation>浅色（打印和幻灯片）(&amp;L)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Dark</source>
        <translation>深色(&amp;D)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;High contrast (colour-blind safe)</source>
        <translation>高对比度（色盲友好）(&amp;H)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Switch the colours of every plot</source>
        <translation>切换所有图表的配色</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Text &amp;size</source>
        <translation>文字大小(&amp;S)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Scale every text of the plots</source>
        <translation>缩放图表中的所有文字</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Presentation mode</source>
        <translation>演示模式(&amp;P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Full screen with larger text, for the lecture hall</source>
        <translation>全屏并放大文字，适合在教室演示</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Hide side panels when presenting</source>
        <translation>演示时隐藏侧边面板</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Presentation mode shows only the loss surface and the readouts</source>
        <translation>演示模式只显示损失曲面和读数</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Classifier &amp;lab…</source>
        <translation>分类器实验室(&amp;L)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Train a linear classifier on 2-D points and send a point&apos;s logits here</source>
        <translation>在二维数据点上训练线性分类器，并把某个点的 logits 发送到这里</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About Softmax Explorer</source>
        <translation>关于 Softmax Explorer(&amp;A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Version and credits</source>
        <translation>版本与致谢</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Cannot open scene</source>
        <translation>无法打开场景</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Opened {name}</source>
        <translation>已打开 {name}</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Saved {name}</source>
        <translation>已保存 {name}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open scene</source>
        <translation>打开场景</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+16"/>
        <source>Scenes (*.json)</source>
        <translation>场景 (*.json)</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Save scene</source>
        <translation>保存场景</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Export figure</source>
        <translation>导出图像</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PNG image (*.png);;SVG vector (*.svg);;PDF vector (*.pdf)</source>
        <translation>PNG 图像 (*.png);;SVG 矢量图 (*.svg);;PDF 矢量图 (*.pdf)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Exported {name}</source>
        <translation>已导出 {name}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Figure copied to the clipboard</source>
        <translation>图像已复制到剪贴板</translation>
    </message>
    <message>
        <location line="+137"/>
        <source>About Softmax Explorer</source>
        <translation>关于 Softmax Explorer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&lt;h3&gt;Softmax Explorer {version}&lt;/h3&gt;&lt;p&gt;Drag the logits of a classifier and watch the softmax probabilities, the cross-entropy loss, its surface and its gradient change live.&lt;/p&gt;&lt;p&gt;Loss semantics follow PyTorch&apos;s &lt;code&gt;torch.nn.functional&lt;/code&gt;.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Softmax Explorer {version}&lt;/h3&gt;&lt;p&gt;拖动分类器的 logits（未规范化的预测），实时观察 softmax 概率、交叉熵损失、损失曲面及其梯度的变化。&lt;/p&gt;&lt;p&gt;损失的定义与 PyTorch 的 &lt;code&gt;torch.nn.functional&lt;/code&gt; 一致。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <location filename="../ui/widgets.py" line="+270"/>
        <source>Messages</source>
        <extracomment>Panels kept (sizes x states x palettes); beyond it the cache starts again.</extracomment>
        <translation>消息</translation>
    </message>
</context>
<context>
    <name>NumberEdit</name>
    <message>
        <location line="-217"/>
        <source>Please type a number.</source>
        <extracomment>Characters of typed text quoted back in a message; longer text is cut with &quot;…&quot;. &quot;1,000&quot; may be a thousand or one: a comma before exactly three digits, after 1-3 digits that do not start with 0.</extracomment>
        <translation>请输入一个数。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>“{text}” has spaces or _ inside: type the number without them.</source>
        <translation>“{text}”中含有空格或 _：请去掉后再输入。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>“{text}” is ambiguous: type {thousands} or {decimal}.</source>
        <translation>“{text}”有歧义：请输入 {thousands} 或 {decimal}。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>“{text}” is not a number.</source>
        <translation>“{text}”不是数字。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>NaN is not a number you can use here.</source>
        <translation>NaN 不能在这里使用。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>“{text}” is too large: values must be finite.</source>
        <translation>“{text}”太大：数值必须是有限的。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>“{text}” is too small: it would be stored as 0.</source>
        <translation>“{text}”太小：会被存储为 0。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{value} is out of range: use a value between {low} and {high}.</source>
        <translation>{value} 超出范围：请使用 {low} 到 {high} 之间的值。</translation>
    </message>
</context>
<context>
    <name>Panels</name>
    <message>
        <location filename="../panels.py" line="+138"/>
        <source>Logits</source>
        <extracomment>The figure of every plot together; not a panel but a ``--view`` choice of its own. Where a tab group lives: its docks are tabs beside this panel&apos;s dock, so opening a lesson never squeezes the plots above it (the simplex is a view of the same kind). Every panel, in the order of the View menu and of the docks within an area.</extracomment>
        <translation>Logits</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Probabilities</source>
        <translation>概率</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Gradient</source>
        <translation>梯度</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Loss surface</source>
        <translation>损失曲面</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Probability simplex (K = 3)</source>
        <translation>概率单纯形（K = 3）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the simplex view needs 3 classes</source>
        <translation>单纯形视图需要 3 个类别</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Readouts</source>
        <translation>读数</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Numerical stability</source>
        <translation>数值稳定性</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Losses compared</source>
        <translation>损失函数比较</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Temperature and distillation</source>
        <translation>温度与知识蒸馏</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The binary case</source>
        <translation>二分类情形</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Information</source>
        <translation>信息论</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The Jacobian</source>
        <translation>雅可比矩阵</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Batches and the class axis</source>
        <translation>批量与类别轴</translation>
    </message>
</context>
<context>
    <name>PointsTable</name>
    <message>
        <location filename="../ui/lab/points_table.py" line="+21"/>
        <source>Selected points</source>
        <translation>选中的点</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Scores s (the point&apos;s logits), probabilities p = softmax(s) and the loss of each selected point. Click a point on the plot to select it (Ctrl adds).</source>
        <translation>每个选中点的得分 s（该点的 logits）、概率 p = softmax(s) 及损失。在图上点击一个点即可选中（按住 Ctrl 可追加）。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>point</source>
        <extracomment>While training changes the weights every frame the numbers follow at 10 Hz: readable, and a table relayout per frame costs more than the frame.</extracomment>
        <translation>点</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>class</source>
        <translation>类别</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>pred.</source>
        <translation>预测</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>loss</source>
        <translation>损失</translation>
    </message>
</context>
<context>
    <name>Presets</name>
    <message>
        <location filename="../scenes.py" line="+180"/>
        <source>Confident correct</source>
        <extracomment>The bundled presets&apos; titles, marked for lupdate: the UI shows ``preset_title(path)`` translated in the &quot;Presets&quot; context (a test checks that every preset is listed).</extracomment>
        <translation>高置信度的正确预测</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Confidently wrong</source>
        <translation>高置信度的错误预测</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Uniform logits</source>
        <translation>均匀的 logits</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Huge logits</source>
        <translation>极大的 logits</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Temperature sharpening</source>
        <translation>温度使分布变尖锐</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Temperature flattening</source>
        <translation>温度使分布变平坦</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Label smoothing optimum</source>
        <translation>标签平滑的最优解</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Simplex soft target</source>
        <translation>单纯形上的软目标</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Two classes sigmoid</source>
        <translation>两个类别与 sigmoid</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Numerical stability</source>
        <translation>数值稳定性</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Losses compared</source>
        <translation>损失函数比较</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Distillation</source>
        <translation>知识蒸馏</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Binary case</source>
        <translation>二分类情形</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Information</source>
        <translation>信息论</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The jacobian</source>
        <translation>雅可比矩阵</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Batches</source>
        <translation>批量</translation>
    </message>
</context>
<context>
    <name>ProbabilityPlot</name>
    <message>
        <location filename="../ui/bar_plots.py" line="-186"/>
        <source>Probability bars</source>
        <extracomment>A bar&apos;s value label, then a shorter one for when the labels would touch (the values of these plots lie in [-1, 1], where dropping the leading zero is conventional). Both say the same number, in the window and in any figure: a probability of 0.004 reads 0.004, never 0 (issue 24). A bar&apos;s value label, then shorter ones for when the full labels do not fit.</extracomment>
        <translation>概率条形</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Probabilities plot</source>
        <translation>概率图</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bars of the softmax probabilities with the target distribution outlined</source>
        <translation>softmax 概率的条形图，轮廓线为目标分布</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>p = softmax(z / T): filled bars. Outline: the target distribution. Star: the predicted class (argmax).</source>
        <translation>p = softmax(z / T)：实心条形。轮廓线：目标分布。星号：预测类别（argmax）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Probabilities</source>
        <translation>概率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>probability</source>
        <translation>概率</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>p</source>
        <translation>p</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>target</source>
        <translation>目标</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>predicted</source>
        <translation>预测</translation>
    </message>
</context>
<context>
    <name>ReadoutPanel</name>
    <message>
        <location filename="../ui/readouts.py" line="+177"/>
        <source>Readouts</source>
        <translation>读数</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Loss L</source>
        <translation>损失 L</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+64"/>
        <source>Cross-entropy H(t, p) = −Σ t_i log p_i</source>
        <translation>交叉熵 H(t, p) = −Σ t_i log p_i</translation>
    </message>
    <message>
        <location line="-63"/>
        <source>p(target)</source>
        <translation>p(目标)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Probability given to the true class</source>
        <translation>赋予真实类别的概率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Entropy H(p)</source>
        <translation>熵 H(p)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>−Σ p_i log p_i, from 0 to log K</source>
        <translation>−Σ p_i log p_i，取值从 0 到 log K</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Entropy H(t)</source>
        <translation>熵 H(t)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>−Σ t_i log t_i of the target: 0 for a hard label; H(t, p) = H(t) + KL</source>
        <translation>目标的 −Σ t_i log t_i：硬标签时为 0；H(t, p) = H(t) + KL</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>KL(t ‖ p)</source>
        <translation>KL(t ‖ p)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>H(t, p) − H(t): equals the loss for a hard label</source>
        <translation>H(t, p) − H(t)：硬标签时等于损失</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Predicted</source>
        <translation>预测类别</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>argmax p: the predicted class</source>
        <translation>argmax p：预测的类别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>‖∇L‖</source>
        <translation>‖∇L‖</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Length of dL/dz, at most √2 / T</source>
        <translation>dL/dz 的长度，至多为 √2 / T</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>‖∇ cross-entropy‖</source>
        <translation>‖∇ 交叉熵‖</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Length of the cross-entropy&apos;s gradient (p − t) / T at the same point</source>
        <translation>同一点处交叉熵梯度 (p − t) / T 的长度</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Formula</source>
        <translation>公式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The loss written out with the current numbers</source>
        <translation>代入当前数值写出的损失</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Copy readouts</source>
        <translation>复制读数</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Copy the numbers and the formula as text</source>
        <translation>将数值和公式作为文本复制</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Squared error on the probabilities, mean_i (p_i − t_i)²</source>
        <translation>概率上的平方误差，mean_i (p_i − t_i)²</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Focal loss −Σ t_i (1 − p_i)^γ log p_i</source>
        <translation>Focal 损失 −Σ t_i (1 − p_i)^γ log p_i</translation>
    </message>
    <message>
        <location line="+101"/>
        <source>softmax(z/T)</source>
        <translation>softmax(z/T)</translation>
    </message>
</context>
<context>
    <name>RegionsView</name>
    <message>
        <location filename="../ui/lab/regions_view.py" line="+133"/>
        <source>Decision regions</source>
        <extracomment>How close (pixels) a press must be to a point or an arrow head to grab it. Arrow length, as a fraction of the smaller half-extent of the view, that the scale aims for; the scale only changes when the longest arrow leaves [SHORTEST, LONGEST]. The class a click adds (the window&apos;s class chooser sets it).</extracomment>
        <translation>决策区域</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Click to add a point of the chosen class, drag a point to move it, right-click or press Delete to remove it; drag an arrow head to set that class&apos;s weights.</source>
        <translation>点击添加所选类别的点，拖动点可移动它，右键单击或按 Delete 键删除；拖动箭头可设置该类别的权重。</translation>
    </message>
    <message>
        <location line="+215"/>
        <source>Decision regions · arrows (w₁, w₂) × {scale}</source>
        <extracomment>Raw weights (2, K) of the arrows shown, the factor they are drawn at, the rows of W that hold x1 and x2 (None without raw features). Weights of a history snapshot shown instead of the model&apos;s (the slider&apos;s preview). The features of the dataset&apos;s points, kept while the data and features stay.</extracomment>
        <translation>决策区域 · 箭头 (w₁, w₂) × {scale}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Decision regions (no raw features: no arrows)</source>
        <translation>决策区域（无原始特征：不显示箭头）</translation>
    </message>
</context>
<context>
    <name>Scenes</name>
    <message>
        <location filename="../scenes.py" line="-149"/>
        <source>a file name cannot contain a NUL character</source>
        <extracomment>The preset scenes, a folder of the installed package (a ``Path`` unless it is zipped).</extracomment>
        <translation>文件名不能包含 NUL 字符</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>{source} is not a valid scene file: {reason}</source>
        <translation>{source} 不是有效的场景文件：{reason}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{source} is not a valid scene: {reason}</source>
        <translation>{source} 不是有效的场景：{reason}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>{name} is not a regular file</source>
        <translation>{name} 不是普通文件</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{name} is too large for a scene (more than {limit} bytes)</source>
        <translation>{name} 作为场景文件过大（超过 {limit} 字节）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>cannot open {name}: {reason}</source>
        <translation>无法打开 {name}：{reason}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{name} is not a text (UTF-8) scene file</source>
        <translation>{name} 不是文本（UTF-8）场景文件</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>cannot save {name}: {reason}</source>
        <translation>无法保存 {name}：{reason}</translation>
    </message>
</context>
<context>
    <name>SimplexView</name>
    <message>
        <location filename="../ui/simplex_view.py" line="+58"/>
        <location line="+141"/>
        <source>Probability simplex</source>
        <extracomment>Loss images kept for recent targets (switching the label back and forth in class).</extracomment>
        <translation>概率单纯形</translation>
    </message>
    <message>
        <location line="-26"/>
        <source>p = softmax(z/T)</source>
        <extracomment>How often the loss image was computed (it depends on the target only).</extracomment>
        <translation>p = softmax(z/T)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>target t</source>
        <translation>目标 t</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>descent path</source>
        <translation>下降路径</translation>
    </message>
    <message>
        <location line="+78"/>
        <source>loss H(t, p)</source>
        <translation>损失 H(t, p)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>squared error</source>
        <translation>平方误差</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>focal loss</source>
        <translation>Focal 损失</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>The simplex view needs exactly 3 classes (now K = {count})</source>
        <translation>单纯形视图恰好需要 3 个类别（当前 K = {count}）</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Triangle of all distributions over {names}, coloured by the loss. p = ({p}), target t = ({t}), loss {loss:.3f}.</source>
        <translation>{names} 上所有分布构成的三角形，按损失着色。p = ({p})，目标 t = ({t})，损失 {loss:.3f}。</translation>
    </message>
</context>
<context>
    <name>StabilityPanel</name>
    <message>
        <location filename="../ui/lessons/stability.py" line="+285"/>
        <source>Numerical stability</source>
        <extracomment>Classes given a row of their own; beyond it the first rows, the true class and the largest logit are shown. The columns of each table, after the class: attributes of :class:`StabilityReport`. Significant digits of the table&apos;s numbers. The clip of the tutorial&apos;s ``log(clip(p, c, 1 - c))``. Pixels the tables keep however small the dock (they scroll within). The alarm colour of an ``inf``, ``NaN`` or ``-inf`` (and of a logit past the limit). ``cells[row][column]``: column 0 names the class, then one per :data:`COLUMNS`. Each column&apos;s cell width: cells have a fixed size, so that a new number does not lay the grid out again (about 150 labels measured anew on every drag). A column grows when a number needs more room and never shrinks, as a table on paper would not.</extracomment>
        <translation>数值稳定性</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+16"/>
        <source>Float type</source>
        <translation>浮点类型</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>The floating-point type to compute in, or all three side by side</source>
        <translation>用于计算的浮点类型，或三种并排比较</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>All three side by side</source>
        <translation>三种并排比较</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>float16 (half precision)</source>
        <translation>float16（半精度）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>float32 (single precision)</source>
        <translation>float32（单精度）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>float64 (double precision)</source>
        <translation>float64（双精度）</translation>
    </message>
    <message>
        <location line="+94"/>
        <source>z/T</source>
        <extracomment>The classes the rows show, in order (``shown_classes``).</extracomment>
        <translation>z/T</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>z</source>
        <translation>z</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>exp(z/T)</source>
        <translation>exp(z/T)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>exp(z)</source>
        <translation>exp(z)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>class</source>
        <translation>类别</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>naive p</source>
        <translation>朴素 p</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>stable p</source>
        <translation>稳定 p</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>log(p)</source>
        <translation>log(p)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>log_softmax</source>
        <translation>log_softmax</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>{name} (true)</source>
        <translation>{name}（真实）</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&lt;b&gt;{dtype}&lt;/b&gt;: exp(x) is inf above x = {overflow}, subnormal below {underflow}, 0 below {subnormal}</source>
        <translation>&lt;b&gt;{dtype}&lt;/b&gt;：x 大于 {overflow} 时 exp(x) 为 inf，小于 {underflow} 时为次正规数，小于 {subnormal} 时为 0</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>{hidden} more classes not shown (the true class and the largest logit are)</source>
        <translation>另有 {hidden} 个类别未显示（真实类别和最大 logit 已显示）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&lt;span style=&apos;{alarm}&apos;&gt;Naive: Σ exp = {total}, so p = inf / inf = NaN.&lt;/span&gt; Stable: every exp(z − max) ≤ 1.</source>
        <translation>&lt;span style=&apos;{alarm}&apos;&gt;朴素算法：Σ exp = {total}，因此 p = inf / inf = NaN。&lt;/span&gt;稳定算法：每个 exp(z − max) ≤ 1。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&lt;span style=&apos;{alarm}&apos;&gt;Naive: the sum Σ exp overflowed to {total}, so every p = exp / inf = 0.&lt;/span&gt; Stable: every exp(z − max) ≤ 1.</source>
        <translation>&lt;span style=&apos;{alarm}&apos;&gt;朴素算法：和 Σ exp 上溢为 {total}，因此每个 p = exp / inf = 0。&lt;/span&gt;稳定算法：每个 exp(z − max) ≤ 1。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Naive and stable agree (Σ exp = {total}); &lt;span style=&apos;{alarm}&apos;&gt;log(p) is −inf where p underflowed to 0&lt;/span&gt;, log_softmax is not.</source>
        <translation>朴素算法与稳定算法结果一致（Σ exp = {total}）；&lt;span style=&apos;{alarm}&apos;&gt;p 下溢为 0 处 log(p) 为 −inf&lt;/span&gt;，而 log_softmax 不是。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Naive and stable agree here (Σ exp = {total}).</source>
        <translation>这里朴素算法与稳定算法结果一致（Σ exp = {total}）。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&lt;b&gt;Clipping&lt;/b&gt; p to [1e-10, 1 − 1e-10] before the log changes nothing here: the loss of the true class ({label}) is {exact} either way. It matters only once p&lt;sub&gt;y&lt;/sub&gt; &amp;lt; 1e-10 (the loss is then capped at 23.03) or p&lt;sub&gt;y&lt;/sub&gt; &amp;gt; 1 − 1e-10.</source>
        <translation>在取 log 之前把 p &lt;b&gt;裁剪&lt;/b&gt;到 [1e-10, 1 − 1e-10] 在这里没有影响：真实类别（{label}）的损失都是 {exact}。只有当 p&lt;sub&gt;y&lt;/sub&gt; &amp;lt; 1e-10（此时损失上限为 23.03）或 p&lt;sub&gt;y&lt;/sub&gt; &amp;gt; 1 − 1e-10 时才有影响。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&lt;b&gt;Clipping&lt;/b&gt; p to [1e-10, 1 − 1e-10] before the log: the loss of the true class ({label}) reads &lt;b&gt;{clipped}&lt;/b&gt; instead of the exact &lt;b&gt;{exact}&lt;/b&gt; (log_softmax).</source>
        <translation>在取 log 之前把 p &lt;b&gt;裁剪&lt;/b&gt;到 [1e-10, 1 − 1e-10]：真实类别（{label}）的损失显示为 &lt;b&gt;{clipped}&lt;/b&gt;，而不是精确值 &lt;b&gt;{exact}&lt;/b&gt;（log_softmax）。</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>z/T reaches {largest}, past the overflow limit of {failing}: exp gives inf and the naive softmax inf / inf = NaN, while subtracting the max first keeps every exponent at most 0.</source>
        <translation>z/T 达到 {largest}，超过了 {failing} 的上溢界限：exp 得到 inf，朴素 softmax 得到 inf / inf = NaN；而先减去最大值可使每个指数都不大于 0。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>z/T reaches {largest}, below every overflow limit shown (11.09 in float16, 88.72 in float32, 709.78 in float64): naive and stable softmax agree. Drag a logit past a limit to see NaN.</source>
        <translation>z/T 达到 {largest}，低于所示的各个上溢界限（float16 为 11.09，float32 为 88.72，float64 为 709.78）：朴素 softmax 与稳定 softmax 结果一致。把某个 logit 拖过界限即可看到 NaN。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Where p underflows to 0 ({dtypes}), log(softmax) is −inf but log_softmax = z − logsumexp(z) stays finite.</source>
        <translation>在 p 下溢为 0 的地方（{dtypes}），log(softmax) 为 −inf，而 log_softmax = z − logsumexp(z) 保持有限。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>log_softmax = z − logsumexp(z) never takes the log of a rounded p, so it stays finite where log(softmax) gives −inf.</source>
        <translation>log_softmax = z − logsumexp(z) 从不对舍入后的 p 取 log，因此在 log(softmax) 为 −inf 的地方它仍然有限。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{first} {second}</source>
        <translation>{first}{second}</translation>
    </message>
</context>
<context>
    <name>TargetChooser</name>
    <message>
        <location filename="../ui/target_chooser.py" line="+89"/>
        <source>Target chooser</source>
        <translation>目标选择</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose the true class or a soft target distribution</source>
        <translation>选择真实类别或软目标分布</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hard label</source>
        <translation>硬标签</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The target is one class (a one-hot vector)</source>
        <translation>目标是单个类别（独热向量）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Soft target</source>
        <translation>软目标</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The target is any probability vector</source>
        <translation>目标是任意概率向量</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+78"/>
        <source>True class</source>
        <translation>真实类别</translation>
    </message>
    <message>
        <location line="-77"/>
        <source>The true class c of the hard label</source>
        <translation>硬标签的真实类别 c</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Label smoothing</source>
        <translation>标签平滑</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Label smoothing ε: the target becomes (1 − ε)·y + ε/K</source>
        <translation>标签平滑 ε：目标变为 (1 − ε)·y + ε/K</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Temperature</source>
        <translation>温度</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Temperature T (log scale): small T sharpens p towards the argmax, large T flattens it</source>
        <translation>温度 T（对数刻度）：T 小时 p 向 argmax 集中，T 大时 p 趋于平坦</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Temperature value</source>
        <translation>温度值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type an exact temperature (0.01 to 100)</source>
        <translation>输入精确的温度（0.01 到 100）</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+41"/>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location line="-39"/>
        <source>The loss minimised: the surface, its arrows, descent and readouts follow it</source>
        <translation>被最小化的损失：曲面、箭头、梯度下降和读数都随之改变</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cross-entropy  −Σ t log p</source>
        <translation>交叉熵  −Σ t log p</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Squared error  mean (p − t)²</source>
        <translation>平方误差  mean (p − t)²</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Focal  −Σ t (1 − p)^γ log p</source>
        <translation>Focal  −Σ t (1 − p)^γ log p</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Focal gamma</source>
        <translation>Focal γ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>γ of the focal loss (0 to 10): larger γ down-weights well-classified examples</source>
        <translation>Focal 损失的 γ（0 到 10）：γ 越大，已正确分类样本的权重越低</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Smoothing ε</source>
        <translation>平滑 ε</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Temperature T</source>
        <translation>温度 T</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>γ</source>
        <translation>γ</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Target probability of class {index}</source>
        <translation>类别 {index} 的目标概率</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Target probability of class {index}; the others rescale to keep the sum 1</source>
        <translation>类别 {index} 的目标概率；其余按比例缩放以保持总和为 1</translation>
    </message>
</context>
</TS>
