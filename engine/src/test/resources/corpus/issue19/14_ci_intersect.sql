SELECT label FROM labels INTERSECT SELECT label FROM label_links
