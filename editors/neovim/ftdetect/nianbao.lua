-- Report drafts (*年度报告*.txt/.md, *年报*.txt/.md) get filetype nianbao.
require("nianbao.filetype").register()
