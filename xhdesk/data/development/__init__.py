"""党员发展: the pipeline from application to full membership (see ``vocab`` for the steps).

Events are the truth (``flow`` appends them); ``rules`` derives the stage and the deadlines;
``queries`` builds the 待办 list, a person's record and the statistics; ``quota`` the yearly plan;
``notices`` the data of the printed 公示, 政审 cover sheet and 入党材料目录.
"""
