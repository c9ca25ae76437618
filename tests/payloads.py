"""A report whose clauses carry HTML, script, link, image and Markdown payloads: it must show as text."""

HOSTILE_REPORT = """United Nations A/76/999

Distr.: General 5 March 2021

Seventy-sixth session

Report of the Open-ended Working Group on hostile markup

I. Payloads

1. States should protect critical infrastructure <img src=x onerror="alert('img')"> from harmful markup.

2. Experts recommend <script>alert('script')</script> that clauses stay inert, see [link](javascript:alert('link')) and ![pic](http://127.0.0.1:9/x.png).

3. Delegations noted *starred claims* and **bold claims** and _emphasis_ and `code` and :smile: and $x^2$ and <b>tags</b> and https://evil.example and www.evil.example in the text.
"""
