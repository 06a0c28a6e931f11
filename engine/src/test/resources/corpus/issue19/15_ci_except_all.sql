SELECT label FROM label_links EXCEPT ALL SELECT code FROM labels
